# IC Operator — common tasks. `make test` is the command CI runs (through .ci/run).
DOTNET ?= dotnet
CONFIGURATION ?= Debug
RESULTS ?= TestResults
IMAGE ?= ic-operator:dev

.PHONY: build test chaos run bench bench-full bench-steady publish crds lint format docker-build clean tools

build:
	$(DOTNET) build IcOperator.sln -c $(CONFIGURATION) -warnaserror

# All tests, with TRX results that .ci/run counts.
test:
	$(DOTNET) test IcOperator.sln -c $(CONFIGURATION) --logger trx --results-directory $(RESULTS)

# The operator process killed with SIGKILL at seeded moments while 8 deployments are created, upgraded and rolled
# back (the suite runs the same test with 2 deployments and one kill per phase). CHAOS_SEED picks other moments.
chaos:
	CHAOS_DEPLOYMENTS=$${CHAOS_DEPLOYMENTS:-8} CHAOS_KILLS=$${CHAOS_KILLS:-6} CHAOS_SEED=$${CHAOS_SEED:-18} \
		$(DOTNET) test tests/IcOperator.Tests -c $(CONFIGURATION) --filter "FullyQualifiedName~OperatorChaosTests"

# The embedded default: emulated Kubernetes API + emulated IC, samples applied, canisters reaching Ready.
run:
	$(DOTNET) run --project src/IcOperator -- local

# Micro-benchmarks, the scale run (100 CanisterDeployments from one template against both emulators), then small
# modules through the network's chunk store vs inline.
bench:
	$(DOTNET) run -c Release --project bench/IcOperator.Benchmarks -- --filter '*'
	$(DOTNET) run -c Release --project bench/IcOperator.Benchmarks -- scale
	$(DOTNET) run -c Release --project bench/IcOperator.Benchmarks -- small-modules

# Steady state: N deployments Ready, then Kubernetes requests per minute by verb, the operator's RSS and idle CPU.
N ?= 100
WINDOW ?= 180
# OPERATOR_DIR=artifacts/publish runs the operator from a published build (`make publish`, as the image ships it).
OPERATOR_DIR ?=
bench-steady:
	IC_OPERATOR_DIR=$(OPERATOR_DIR) $(DOTNET) run -c Release --project bench/IcOperator.Benchmarks -- steady --count $(N) --window $(WINDOW)

# ic-operator as the image ships it (framework-dependent, JIT only). PUBLISH_FLAGS adds to it, e.g.
# PUBLISH_FLAGS="-r linux-x64 -p:PublishReadyToRun=true" for the ReadyToRun build measured in bench/README.md.
PUBLISH_DIR ?= artifacts/publish
PUBLISH_FLAGS ?=
publish:
	$(DOTNET) publish src/IcOperator/IcOperator.csproj -c Release --no-self-contained -p:UseAppHost=false $(PUBLISH_FLAGS) -o $(PUBLISH_DIR)

# The same with the scale run at 1,000 deployments (the micro-benchmarks have no long variant).
bench-full:
	$(DOTNET) run -c Release --project bench/IcOperator.Benchmarks -- --filter '*'
	$(DOTNET) run -c Release --project bench/IcOperator.Benchmarks -- scale --full

# Regenerate the CRDs from the C# resource types (config/crd and charts/ic-operator/crds).
crds:
	$(DOTNET) run --project src/IcOperator -- crds --output config/crd --chart-output charts/ic-operator/crds

lint:
	$(DOTNET) format IcOperator.sln --verify-no-changes
	$(DOTNET) build IcOperator.sln -c $(CONFIGURATION) -warnaserror

format:
	$(DOTNET) format IcOperator.sln

docker-build:
	docker build -t $(IMAGE) .

# Third-party peers the tests drive (also installed by .ci/run).
tools:
	bash .ci/install-tools

clean:
	$(DOTNET) clean IcOperator.sln
	rm -rf $(RESULTS)

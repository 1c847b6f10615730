using BenchmarkDotNet.Attributes;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers;
using IcOperator.Crds;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Orchestration;

namespace IcOperator.Benchmarks;

/// <summary>
/// The operator's own hot paths: the planner (run on every reconcile), reading and chunk-hashing a
/// module (once per template version), the status patch diff (every status write) and CRD generation.
/// </summary>
[MemoryDiagnoser]
public class OperatorBenchmarks
{
    private readonly byte[] module = new TestModuleBuilder().WithQuery("health", "(variant { ok })").WithSizeAtLeast(2_500_000).Build();
    private CanisterPlanInput upgrading = null!;
    private CanisterDeploymentStatus before = null!;
    private CanisterDeploymentStatus after = null!;

    [GlobalSetup]
    public void Setup()
    {
        var hash = new string('1', 64);
        upgrading = new CanisterPlanInput
        {
            Spec = new CanisterDeploymentSpec
            {
                NetworkRef = new LocalObjectReference { Name = "local" },
                Template = new TemplateVersionReference { Name = "app", Version = "2.0.0" },
                Settings = new CanisterSettingsSpec { FreezingThreshold = 2_592_000, WasmMemoryLimit = "3GiB", ReservedCyclesLimit = "5T" },
            },
            Generation = 3,
            Network = new NetworkObservation { Ready = true, OperatorPrincipal = "2vxsx-fae" },
            Module = new DesiredModule { Version = "2.0.0", Sha256 = new string('2', 64), Size = 2_500_000 },
            Status = new CanisterDeploymentStatus
            {
                CanisterId = "rrkah-fqaaa-aaaaa-aaaaq-cai",
                Version = "1.0.0",
                ModuleHash = hash,
                LastOperation = new OperationRecord { Type = OperationType.Upgrade, From = "1.0.0", To = "2.0.0", FromModuleHash = hash, ToModuleHash = new string('2', 64), SnapshotId = "0a01", Step = OperationStep.SnapshotTaken, StartedAt = DateTimeOffset.UnixEpoch },
                Snapshots = [new SnapshotRecord { Id = "0a01" }],
            },
            Canister = new ObservedCanister { CanisterId = "rrkah-fqaaa-aaaaa-aaaaq-cai", ModuleHash = hash, Status = CanisterRunStatus.Stopped },
        };
        before = upgrading.Status;
        after = before with
        {
            Version = "2.0.0",
            LastOperation = before.LastOperation! with { Result = OperationResult.Succeeded, FinishedAt = DateTimeOffset.UnixEpoch },
            History = [new DeploymentRecord { Version = "2.0.0", Result = OperationResult.Succeeded }],
        };
    }

    [Benchmark(Baseline = true)]
    public CanisterStepKind PlanUpgradeStep() => CanisterPlanner.Plan(upgrading).Step.Kind;

    [Benchmark]
    public int ReadAndChunkHash2_5MiBModule() => Wasm.WasmModule.Parse(module).ChunkHashes.Count;

    [Benchmark]
    public string StatusPatchDiff() => StatusPatch.Between(before, after, Api.OperatorJsonContext.Default.CanisterDeploymentStatus).Body;

    [Benchmark]
    public int GenerateCrds() => CrdGenerator.GenerateAll().Sum(c => c.Yaml.Length);
}

using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;
using static IcOperator.Tests.Orchestration.Scenario;
using R = IcOperator.Api.V1Alpha1.CanisterDeploymentReasons;

namespace IcOperator.Tests.Orchestration;

public sealed class CanisterPlannerTests
{
    private static CanisterPlanInput Fresh(CyclesSource source = CyclesSource.Provisional) => new()
    {
        Spec = Spec(),
        Network = new NetworkObservation { Ready = true, OperatorPrincipal = Operator, CyclesSource = source },
        Module = V2,
    };

    [Fact]
    public void Fresh_deployment_creates_a_canister()
    {
        var plan = CanisterPlanner.Plan(Fresh());
        plan.State.Should().Be(CanisterState.Absent);
        plan.Step.Kind.Should().Be(CanisterStepKind.Create);
        plan.Phase.Should().Be(CanisterPhase.Creating);
        plan.Reconciling.Should().BeTrue();
    }

    [Fact]
    public void Pending_create_without_deduplication_stalls_rather_than_create_twice()
    {
        var input = Fresh() with { Status = new CanisterDeploymentStatus { PendingCreate = new PendingCreate { StartedAt = T0 } } };
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.CreateOutcomeUnknown);
        plan.Step.Kind.Should().Be(CanisterStepKind.None);
        plan.Stalled.Should().BeTrue();
        plan.Reason.Should().Be(R.CreateOutcomeUnknown);
        plan.Message.Should().Contain("spec.canisterId").And.Contain("status.pendingCreate").And.Contain(Operator);
    }

    [Fact]
    public void Pending_create_with_the_cycles_ledger_retries_the_same_create()
    {
        var input = Fresh(CyclesSource.CyclesLedger) with
        {
            Status = new CanisterDeploymentStatus { PendingCreate = new PendingCreate { StartedAt = T0, CreatedAtTime = "1763640000000000000" } },
        };
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.CreatePending);
        plan.Step.Kind.Should().Be(CanisterStepKind.Create);
        plan.Stalled.Should().BeFalse();
    }

    private static CanisterPlanInput PendingProvisional(RecordedCall? call, ObservedCanister? atChosenId) => Fresh() with
    {
        Status = new CanisterDeploymentStatus { PendingCreate = new PendingCreate { StartedAt = T0, SpecifiedId = Canister, Call = call } },
        Canister = atChosenId,
    };

    private static readonly RecordedCall CreateRequest = new()
    {
        Method = "provisional_create_canister_with_cycles",
        CanisterId = "aaaaa-aa",
        EffectiveCanisterId = Canister,
        RequestId = new string('a', 64),
        IngressExpiry = T0.AddMinutes(4),
    };

    [Fact]
    public void Pending_provisional_create_whose_chosen_id_exists_under_the_operator_is_recorded_not_repeated()
    {
        var plan = CanisterPlanner.Plan(PendingProvisional(CreateRequest, Running(null)));
        plan.State.Should().Be(CanisterState.CreatePending);
        plan.Step.Kind.Should().Be(CanisterStepKind.Create);
        plan.Message.Should().Contain(Canister).And.Contain("operator controls it");
        plan.Stalled.Should().BeFalse();
    }

    [Fact]
    public void Pending_provisional_create_whose_chosen_id_belongs_to_someone_else_chooses_another()
    {
        var plan = CanisterPlanner.Plan(PendingProvisional(null, Running(null) with { OperatorIsController = false }));
        plan.Step.Kind.Should().Be(CanisterStepKind.Create);
        plan.Message.Should().Contain("someone else").And.Contain("another id");
    }

    [Fact]
    public void Pending_create_with_a_recorded_request_reads_its_outcome()
    {
        var absent = new ObservedCanister { CanisterId = Canister, Exists = false };
        var plan = CanisterPlanner.Plan(PendingProvisional(CreateRequest, absent));
        plan.State.Should().Be(CanisterState.CreatePending);
        plan.Step.Kind.Should().Be(CanisterStepKind.Create);
        plan.Message.Should().Contain(CreateRequest.RequestId).And.Contain("not sent again");
    }

    [Fact]
    public void Pending_create_with_only_a_chosen_id_creates_at_that_id()
    {
        var plan = CanisterPlanner.Plan(PendingProvisional(null, new ObservedCanister { CanisterId = Canister, Exists = false }));
        plan.Step.Kind.Should().Be(CanisterStepKind.Create);
        plan.Message.Should().Contain($"Creating canister {Canister}");
    }

    [Fact]
    public void Invalid_argument_is_reported_before_any_call()
    {
        var plan = CanisterPlanner.Plan(Fresh() with { Argument = GateResult.Fail("expected record { owner : principal }, found (42)") });
        plan.Step.Kind.Should().Be(CanisterStepKind.None);
        plan.Stalled.Should().BeTrue();
        plan.Reason.Should().Be(R.InvalidArgument);
        plan.Message.Should().Contain("spec.install").And.Contain("found (42)");
    }

    [Fact]
    public void Unparseable_initial_cycles_stall_with_the_field_named()
    {
        var input = Fresh() with { Spec = Spec() with { Create = new CreateOptions { InitialCycles = "two" } } };
        var plan = CanisterPlanner.Plan(input);
        plan.Stalled.Should().BeTrue();
        plan.Message.Should().Contain("spec.create.initialCycles").And.Contain("\"two\"");
    }

    [Fact]
    public void Spec_canister_id_is_adopted_when_it_exists()
    {
        var input = Fresh() with { Spec = Spec() with { CanisterId = Canister }, Canister = Running(HashV1) };
        CanisterPlanner.Plan(input).Step.Kind.Should().Be(CanisterStepKind.Adopt);

        var missing = input with { Canister = Running(null) with { Exists = false } };
        var plan = CanisterPlanner.Plan(missing);
        plan.Reason.Should().Be(R.CanisterNotFound);
        plan.Stalled.Should().BeTrue();
    }

    [Fact]
    public void Empty_canister_begins_an_install()
    {
        var input = UpgradeWanted().WithCanister(CanisterRunStatus.Running, null);
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.Empty);
        plan.Step.Kind.Should().Be(CanisterStepKind.BeginOperation);
        plan.Step.Operation.Should().Be(OperationType.Install);
    }

    [Theory]
    [InlineData(1000L, false)]
    [InlineData(IcOperator.Agent.Wasm.WasmModule.ChunkedInstallThreshold - 1L, false)]
    [InlineData(IcOperator.Agent.Wasm.WasmModule.ChunkedInstallThreshold, true)]
    [InlineData(2L * 1024 * 1024 + 1, true)]
    public void Installing_uploads_in_chunks_from_1_85_MiB_on(long size, bool chunked)
    {
        var input = Upgrading(type: OperationType.Install).WithCanister(CanisterRunStatus.Running, null) with { Module = V2 with { Size = size } };
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.Installing);
        plan.Step.Kind.Should().Be(CanisterStepKind.Install);
        plan.Step.Chunked.Should().Be(chunked);
    }

    [Fact]
    public void The_argument_counts_towards_the_plain_install_limit()
    {
        var input = Upgrading(type: OperationType.Install).WithCanister(CanisterRunStatus.Running, null) with
        {
            Module = V2 with { Size = IcOperator.Agent.Wasm.WasmModule.ChunkedInstallThreshold - 10 },
        };
        input = input with { Spec = input.Spec with { Install = new InstallOptions { ArgHex = new string('a', 22) } } };
        CanisterPlanner.Plan(input).Step.Chunked.Should().BeTrue();
    }

    [Fact]
    public void Out_of_sync_canister_begins_an_upgrade()
    {
        var plan = CanisterPlanner.Plan(UpgradeWanted());
        plan.State.Should().Be(CanisterState.OutOfSync);
        plan.Step.Kind.Should().Be(CanisterStepKind.BeginOperation);
        plan.Step.Operation.Should().Be(OperationType.Upgrade);
        plan.Phase.Should().Be(CanisterPhase.Upgrading);
    }

    public static TheoryData<string, CanisterRunStatus, string, string?, CanisterStepKind> UpgradeSteps => new()
    {
        // name, canister status, observed module, snapshot recorded, next step
        { "started, running: stop first", CanisterRunStatus.Running, HashV1, null, CanisterStepKind.Stop },
        { "stopping: wait", CanisterRunStatus.Stopping, HashV1, null, CanisterStepKind.None },
        { "stopped, no snapshot yet: take it", CanisterRunStatus.Stopped, HashV1, null, CanisterStepKind.TakeSnapshot },
        { "snapshot taken but upgrade not started: upgrade", CanisterRunStatus.Stopped, HashV1, "0a01", CanisterStepKind.Upgrade },
        { "upgraded, still stopped: start", CanisterRunStatus.Stopped, HashV2, "0a01", CanisterStepKind.Start },
        { "upgraded and running without health check: complete", CanisterRunStatus.Running, HashV2, "0a01", CanisterStepKind.CompleteOperation },
    };

    [Theory]
    [MemberData(nameof(UpgradeSteps))]
    public void Upgrade_resumes_from_what_is_observed_and_recorded(string name, CanisterRunStatus status, string module, string? snapshot, CanisterStepKind expected)
    {
        var input = Upgrading(snapshot is null ? OperationStep.Started : OperationStep.SnapshotTaken, snapshot).WithCanister(status, module);
        var plan = CanisterPlanner.Plan(input);
        plan.Step.Kind.Should().Be(expected, name);
        plan.Stalled.Should().BeFalse();
        if (expected == CanisterStepKind.CompleteOperation)
        {
            plan.Step.Result.Should().Be(OperationResult.Succeeded);
        }
    }

    [Fact]
    public void A_snapshot_taken_before_a_crash_is_recorded_not_taken_again()
    {
        var input = Upgrading().WithCanister(CanisterRunStatus.Stopped, HashV1, new ObservedSnapshot("0a07", T0.AddSeconds(5), 100));
        var plan = CanisterPlanner.Plan(input);
        plan.Step.Kind.Should().Be(CanisterStepKind.TakeSnapshot);
        plan.Step.SnapshotId.Should().Be("0a07");
    }

    [Fact]
    public void A_snapshot_older_than_the_operation_is_not_mistaken_for_its_own()
    {
        var input = Upgrading().WithCanister(CanisterRunStatus.Stopped, HashV1, new ObservedSnapshot("0a07", T0.AddMinutes(-5), 100));
        CanisterPlanner.Plan(input).Step.SnapshotId.Should().BeNull();
    }

    [Fact]
    public void At_the_snapshot_limit_the_oldest_operator_snapshot_makes_room()
    {
        var input = Upgrading().WithCanister(
            CanisterRunStatus.Stopped,
            HashV1,
            new ObservedSnapshot("0a02", T0.AddDays(-1), 1),
            new ObservedSnapshot("0a01", T0.AddDays(-2), 1));
        input = input with
        {
            SnapshotLimit = 2,
            Status = input.Status with { Snapshots = [new SnapshotRecord { Id = "0a01" }, new SnapshotRecord { Id = "0a02" }] },
        };
        var plan = CanisterPlanner.Plan(input);
        plan.Step.Kind.Should().Be(CanisterStepKind.DeleteSnapshot);
        plan.Step.SnapshotId.Should().Be("0a01");
    }

    [Fact]
    public void At_the_snapshot_limit_a_snapshot_the_interrupted_step_took_is_recorded_before_any_room_is_made()
    {
        var input = Upgrading().WithCanister(
            CanisterRunStatus.Stopped,
            HashV1,
            new ObservedSnapshot("0a09", T0.AddSeconds(3), 1),
            new ObservedSnapshot("0a01", T0.AddDays(-2), 1));
        input = input with { SnapshotLimit = 2, Status = input.Status with { Snapshots = [new SnapshotRecord { Id = "0a01" }] } };
        var plan = CanisterPlanner.Plan(input);
        plan.Step.Kind.Should().Be(CanisterStepKind.TakeSnapshot);
        plan.Step.SnapshotId.Should().Be("0a09", "deleting 0a01 first would lose a snapshot for nothing");
    }

    [Fact]
    public void A_recorded_snapshot_request_is_read_back_not_sent_again()
    {
        var input = Upgrading().WithCanister(CanisterRunStatus.Stopped, HashV1);
        var call = new RecordedCall { Method = "take_canister_snapshot", CanisterId = "aaaaa-aa", EffectiveCanisterId = Canister, RequestId = new string('b', 64), IngressExpiry = T0.AddMinutes(4) };
        input = input with { Status = input.Status with { LastOperation = input.Status.LastOperation! with { Call = call } } };
        var plan = CanisterPlanner.Plan(input);
        plan.Step.Kind.Should().Be(CanisterStepKind.TakeSnapshot);
        plan.Step.SnapshotId.Should().BeNull();
        plan.Message.Should().Contain(call.RequestId).And.Contain("not sent again");
    }

    public static TheoryData<string, bool, bool?, CanisterRunStatus, string, string?, CanisterStepKind> SnapshotBeforeStopSteps => new()
    {
        // name, snapshotBeforeStop, running module can make calls, canister status, observed module, snapshot recorded, next step
        { "off: stop first (the default)", false, false, CanisterRunStatus.Running, HashV1, null, CanisterStepKind.Stop },
        { "on, module cannot call: snapshot while running", true, false, CanisterRunStatus.Running, HashV1, null, CanisterStepKind.TakeSnapshot },
        { "on, snapshot recorded: then stop", true, false, CanisterRunStatus.Running, HashV1, "0a01", CanisterStepKind.Stop },
        { "on, snapshot recorded, stopped: upgrade", true, false, CanisterRunStatus.Stopped, HashV1, "0a01", CanisterStepKind.Upgrade },
        { "on, module can call: stop first", true, true, CanisterRunStatus.Running, HashV1, null, CanisterStepKind.Stop },
        { "on, module not known: stop first", true, null, CanisterRunStatus.Running, HashV1, null, CanisterStepKind.Stop },
        { "on, module can call, stopped: snapshot", true, true, CanisterRunStatus.Stopped, HashV1, null, CanisterStepKind.TakeSnapshot },
    };

    [Theory]
    [MemberData(nameof(SnapshotBeforeStopSteps))]
    public void The_snapshot_goes_before_the_stop_only_when_asked_and_the_running_module_cannot_call(string name, bool beforeStop, bool? canMakeCalls, CanisterRunStatus status, string module, string? snapshot, CanisterStepKind expected)
    {
        var upgrading = Upgrading(snapshot is null ? OperationStep.Started : OperationStep.SnapshotTaken, snapshot).WithCanister(status, module);
        var input = upgrading.WithUpgrade(u => u with { SnapshotBeforeStop = beforeStop }) with { RunningModuleCanMakeCalls = canMakeCalls };

        var plan = CanisterPlanner.Plan(input);

        plan.Step.Kind.Should().Be(expected, name);
        plan.Step.SnapshotId.Should().BeNull(name);
        if (beforeStop && expected == CanisterStepKind.Stop && snapshot is null)
        {
            plan.Message.Should().Contain("spec.upgrade.snapshotBeforeStop", "a person sees why the option did not apply");
        }
    }

    private const string Upgrader = "ryjl3-tyaaa-aaaaa-aaaba-cai";

    private static CanisterPlanInput WithUpgrader(CanisterPlanInput input, bool controller) => input with
    {
        Network = input.Network with { Upgrader = Upgrader },
        Canister = input.Canister! with { Settings = input.Canister.Settings with { Controllers = controller ? [Operator, Upgrader] : [Operator] } },
    };

    [Fact]
    public void With_the_networks_upgrader_a_running_canister_is_upgraded_by_one_call_to_it()
    {
        var plan = CanisterPlanner.Plan(WithUpgrader(Upgrading().WithCanister(CanisterRunStatus.Running, HashV1), controller: true));

        plan.Step.Kind.Should().Be(CanisterStepKind.UpgradeThroughUpgrader);
        plan.Message.Should().Contain(Upgrader).And.Contain("stop, snapshot, install, start");
    }

    [Fact]
    public void Before_the_first_upgrade_through_it_the_upgrader_is_added_as_a_controller_while_the_canister_runs()
    {
        var plan = CanisterPlanner.Plan(WithUpgrader(Upgrading().WithCanister(CanisterRunStatus.Running, HashV1), controller: false));

        plan.Step.Kind.Should().Be(CanisterStepKind.UpdateSettings);
        plan.Step.AddController.Should().Be(Upgrader);
    }

    [Theory]
    [InlineData(CanisterRunStatus.Running, "1")]
    [InlineData(CanisterRunStatus.Stopped, "1")]
    [InlineData(CanisterRunStatus.Stopped, "2")]
    public void An_upgrade_request_in_flight_is_read_back_whatever_the_canister_looks_like(CanisterRunStatus status, string module)
    {
        var input = WithUpgrader(Upgrading().WithCanister(status, module == "1" ? HashV1 : HashV2), controller: true);
        var call = new RecordedCall { Method = "upgrade", CanisterId = Upgrader, EffectiveCanisterId = Upgrader, RequestId = new string('c', 64), IngressExpiry = T0.AddMinutes(4) };
        input = input with { Status = input.Status with { LastOperation = input.Status.LastOperation! with { Call = call } } };

        var plan = CanisterPlanner.Plan(input);

        plan.Step.Kind.Should().Be(CanisterStepKind.UpgradeThroughUpgrader, "only the upgrader's answer tells where it stopped, and it carries the snapshot id");
        plan.Message.Should().Contain(call.RequestId).And.Contain("not sent again");
    }

    [Fact]
    public void With_a_snapshot_recorded_the_upgrade_goes_on_step_by_step()
    {
        var plan = CanisterPlanner.Plan(WithUpgrader(Upgrading(OperationStep.SnapshotTaken, "0a01").WithCanister(CanisterRunStatus.Running, HashV1), controller: true));

        plan.Step.Kind.Should().Be(CanisterStepKind.Stop, "a snapshot recorded by an earlier step is not taken again by the upgrader");
    }

    [Fact]
    public void A_snapshot_taken_running_before_a_crash_is_recorded_not_taken_again()
    {
        var upgrading = Upgrading().WithCanister(CanisterRunStatus.Running, HashV1, new ObservedSnapshot("0a07", T0.AddSeconds(1), 100));
        var input = upgrading.WithUpgrade(u => u with { SnapshotBeforeStop = true }) with { RunningModuleCanMakeCalls = false };

        var plan = CanisterPlanner.Plan(input);

        plan.Step.Kind.Should().Be(CanisterStepKind.TakeSnapshot);
        plan.Step.SnapshotId.Should().Be("0a07");
    }

    [Fact]
    public void Without_snapshot_or_stop_the_upgrade_is_installed_on_the_running_canister()
    {
        var input = Upgrading().WithUpgrade(u => u with { Snapshot = false, StopBeforeUpgrade = false });
        CanisterPlanner.Plan(input).Step.Kind.Should().Be(CanisterStepKind.Upgrade);
    }

    [Theory]
    [InlineData(true, null, WasmMemoryPersistence.Keep)]
    [InlineData(false, null, null)]
    [InlineData(true, WasmMemoryPersistence.Replace, WasmMemoryPersistence.Replace)]
    public void Wasm_memory_is_kept_by_default_for_enhanced_orthogonal_persistence(bool eop, WasmMemoryPersistence? spec, WasmMemoryPersistence? expected)
    {
        var input = Upgrading(OperationStep.SnapshotTaken, "0a01").WithCanister(CanisterRunStatus.Stopped, HashV1).WithUpgrade(u => u with { WasmMemoryPersistence = spec });
        input = input with { Module = V2 with { EnhancedOrthogonalPersistence = eop } };
        var plan = CanisterPlanner.Plan(input);
        plan.Step.Kind.Should().Be(CanisterStepKind.Upgrade);
        plan.Step.WasmMemoryPersistence.Should().Be(expected);
    }

    [Fact]
    public void With_a_health_check_the_upgrade_is_verified_before_it_completes()
    {
        var input = Upgrading(OperationStep.SnapshotTaken, "0a01").WithCanister(CanisterRunStatus.Running, HashV2)
            .WithUpgrade(u => u with { HealthCheck = new HealthCheck { Method = "health" } });
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.Verifying);
        plan.Phase.Should().Be(CanisterPhase.Verifying);
        plan.Step.Kind.Should().Be(CanisterStepKind.VerifyHealth);

        var healthy = input with { Status = input.Status with { LastOperation = input.Status.LastOperation! with { Step = OperationStep.Healthy } } };
        var done = CanisterPlanner.Plan(healthy);
        done.Step.Kind.Should().Be(CanisterStepKind.CompleteOperation);
        done.Step.Result.Should().Be(OperationResult.Succeeded);
    }

    [Fact]
    public void Upgraded_but_unhealthy_rolls_back()
    {
        var input = Upgrading(OperationStep.Unhealthy, "0a01").WithCanister(CanisterRunStatus.Running, HashV2);
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.Unhealthy);
        plan.Step.Kind.Should().Be(CanisterStepKind.BeginRollback);
        plan.Phase.Should().Be(CanisterPhase.RollingBack);
    }

    [Fact]
    public void Unhealthy_without_rollback_fails_the_operation_and_keeps_the_new_version()
    {
        var input = Upgrading(OperationStep.Unhealthy, "0a01").WithCanister(CanisterRunStatus.Running, HashV2).WithUpgrade(u => u with { RollbackOnFailure = false });
        var plan = CanisterPlanner.Plan(input);
        plan.Step.Kind.Should().Be(CanisterStepKind.CompleteOperation);
        plan.Step.Result.Should().Be(OperationResult.Failed);
        plan.Reason.Should().Be(R.HealthCheckFailed);
    }

    public static TheoryData<string, OperationStep, CanisterRunStatus, string, CanisterStepKind, OperationResult?> RollbackSteps => new()
    {
        { "running: stop", OperationStep.Started, CanisterRunStatus.Running, HashV2, CanisterStepKind.Stop, null },
        { "stopping: wait", OperationStep.Started, CanisterRunStatus.Stopping, HashV2, CanisterStepKind.None, null },
        { "stopped: load the snapshot", OperationStep.Started, CanisterRunStatus.Stopped, HashV2, CanisterStepKind.LoadSnapshot, null },
        { "loaded, stopped: start", OperationStep.SnapshotLoaded, CanisterRunStatus.Stopped, HashV1, CanisterStepKind.Start, null },
        { "loaded, running on the old module: rolled back", OperationStep.SnapshotLoaded, CanisterRunStatus.Running, HashV1, CanisterStepKind.CompleteOperation, OperationResult.RolledBack },
        { "loaded, running on another module: failed", OperationStep.SnapshotLoaded, CanisterRunStatus.Running, HashV2, CanisterStepKind.CompleteOperation, OperationResult.Failed },
    };

    [Theory]
    [MemberData(nameof(RollbackSteps))]
    public void Rolling_back_resumes_from_what_is_observed_and_recorded(string name, OperationStep step, CanisterRunStatus status, string module, CanisterStepKind expected, OperationResult? result)
    {
        var input = Upgrading(step, "0a01", OperationType.Rollback).WithCanister(status, module);
        var plan = CanisterPlanner.Plan(input);
        plan.Step.Kind.Should().Be(expected, name);
        plan.Step.Result.Should().Be(result);
        plan.Phase.Should().Be(result is null ? CanisterPhase.RollingBack : CanisterPhase.Failed);
        if (expected == CanisterStepKind.LoadSnapshot)
        {
            plan.Step.SnapshotId.Should().Be("0a01");
        }
    }

    [Fact]
    public void Install_rejected_by_the_ic_restarts_the_old_module_and_fails_the_operation()
    {
        var stopped = Upgrading(OperationStep.InstallRejected, "0a01").WithCanister(CanisterRunStatus.Stopped, HashV1);
        CanisterPlanner.Plan(stopped).Step.Kind.Should().Be(CanisterStepKind.Start);

        var running = stopped.WithCanister(CanisterRunStatus.Running, HashV1);
        var plan = CanisterPlanner.Plan(running);
        plan.State.Should().Be(CanisterState.InstallRejected);
        plan.Step.Kind.Should().Be(CanisterStepKind.CompleteOperation);
        plan.Step.Result.Should().Be(OperationResult.Failed);
        plan.Reason.Should().Be(R.InstallRejected);
    }

    [Fact]
    public void A_failed_version_is_not_retried_until_the_spec_changes()
    {
        var input = UpgradeWanted();
        input = input with
        {
            Status = input.Status with { FailedVersion = "2.0.0", FailedGeneration = 2, Failures = 1 },
        };
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.Failed);
        plan.Step.Kind.Should().Be(CanisterStepKind.None);
        plan.Stalled.Should().BeTrue();
        plan.Reason.Should().Be(R.VersionFailed);

        CanisterPlanner.Plan(input with { Generation = 3 }).Step.Kind.Should().Be(CanisterStepKind.BeginOperation, "a new generation is a new spec");
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(1, 1, false)]
    [InlineData(2, 2, false)]
    [InlineData(2, 3, true)]
    public void Retries_allow_further_attempts_of_a_failed_version(int retries, int failures, bool stalled)
    {
        var input = UpgradeWanted().WithUpgrade(u => u with { Retries = retries });
        input = input with { Status = input.Status with { FailedVersion = "2.0.0", FailedGeneration = 2, Failures = failures } };
        CanisterPlanner.Plan(input).Stalled.Should().Be(stalled);
    }

    [Fact]
    public void Drift_is_corrected_by_reinstalling_the_recorded_version()
    {
        var input = InSync().WithCanister(CanisterRunStatus.Running, HashOther);
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.Drifted);
        plan.Reason.Should().Be(R.DriftDetected);
        plan.Step.Kind.Should().Be(CanisterStepKind.BeginOperation);
        plan.Step.Operation.Should().Be(OperationType.Upgrade);
        plan.Message.Should().Contain(HashOther);
    }

    [Fact]
    public void An_incompatible_interface_is_refused_when_checked()
    {
        var input = UpgradeWanted() with { Interface = GateResult.Fail("method get removed") };
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.InterfaceIncompatible);
        plan.Stalled.Should().BeTrue();
        plan.Message.Should().Contain("method get removed");

        CanisterPlanner.Plan(input.WithUpgrade(u => u with { CheckInterface = false })).Step.Kind.Should().Be(CanisterStepKind.BeginOperation);
    }

    [Fact]
    public void In_sync_canister_is_ready_with_nothing_to_do()
    {
        var plan = CanisterPlanner.Plan(InSync());
        plan.State.Should().Be(CanisterState.InSync);
        plan.Ready.Should().BeTrue();
        plan.Reconciling.Should().BeFalse();
        plan.Step.Kind.Should().Be(CanisterStepKind.None);
        plan.Phase.Should().Be(CanisterPhase.Ready);
    }

    [Fact]
    public void A_canister_already_running_the_wanted_module_is_recorded()
    {
        var input = InSync() with { Status = new CanisterDeploymentStatus { CanisterId = Canister } };
        CanisterPlanner.Plan(input).Step.Kind.Should().Be(CanisterStepKind.RecordVersion);
    }

    [Fact]
    public void Settings_drift_is_corrected()
    {
        var input = InSync() with { Spec = InSync().Spec with { Settings = new CanisterSettingsSpec { FreezingThreshold = 86400 } } };
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.SettingsDrifted);
        plan.Step.Kind.Should().Be(CanisterStepKind.UpdateSettings);
        plan.Message.Should().Contain("freezingThreshold");
    }

    [Fact]
    public void A_stopped_canister_in_sync_is_started()
    {
        CanisterPlanner.Plan(InSync().WithCanister(CanisterRunStatus.Stopped, HashV2)).Step.Kind.Should().Be(CanisterStepKind.Start);
    }

    [Fact]
    public void Snapshots_beyond_retention_are_pruned_oldest_first_and_foreign_ones_are_kept()
    {
        var input = InSync(1, new SnapshotRecord { Id = "0a01" }, new SnapshotRecord { Id = "0a02" })
            .WithCanister(
                CanisterRunStatus.Running,
                HashV2,
                new ObservedSnapshot("ffff", T0.AddDays(-9), 1),
                new ObservedSnapshot("0a02", T0.AddDays(-1), 1),
                new ObservedSnapshot("0a01", T0.AddDays(-2), 1));
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.SnapshotsOverRetention);
        plan.Step.Kind.Should().Be(CanisterStepKind.DeleteSnapshot);
        plan.Step.SnapshotId.Should().Be("0a01");

        var pruned = input.WithCanister(CanisterRunStatus.Running, HashV2, new ObservedSnapshot("ffff", T0.AddDays(-9), 1), new ObservedSnapshot("0a02", T0.AddDays(-1), 1));
        CanisterPlanner.Plan(pruned).State.Should().Be(CanisterState.InSync);
    }

    [Fact]
    public void Suspended_deployment_is_left_alone()
    {
        var input = UpgradeWanted() with { Spec = UpgradeWanted().Spec with { Suspend = true } };
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.Suspended);
        plan.Phase.Should().Be(CanisterPhase.Suspended);
        plan.Step.Kind.Should().Be(CanisterStepKind.None);
        plan.Reconciling.Should().BeFalse();
    }

    [Fact]
    public void Observe_only_reports_and_never_changes_the_canister()
    {
        var observeOnly = UpgradeWanted() with { Spec = UpgradeWanted().Spec with { ManagementPolicy = ManagementPolicy.ObserveOnly, CanisterId = Canister } };
        var mismatch = CanisterPlanner.Plan(observeOnly);
        mismatch.Step.Kind.Should().Be(CanisterStepKind.None);
        mismatch.Ready.Should().BeFalse();
        mismatch.Reason.Should().Be(R.ModuleMismatch);

        var notController = observeOnly with { Canister = observeOnly.Canister! with { OperatorIsController = false, ModuleHash = HashV2 } };
        var matching = CanisterPlanner.Plan(notController with { Status = notController.Status with { Version = "2.0.0", ModuleHash = HashV2 } });
        matching.Ready.Should().BeTrue();
        matching.Reason.Should().Be(R.Observed);

        var noId = Fresh() with { Spec = Spec() with { ManagementPolicy = ManagementPolicy.ObserveOnly } };
        var plan = CanisterPlanner.Plan(noId);
        plan.Reason.Should().Be(R.ObserveOnlyNeedsCanisterId);
        plan.Step.Kind.Should().Be(CanisterStepKind.None);
    }

    [Fact]
    public void Not_being_a_controller_stalls_with_the_operator_principal_named()
    {
        var input = UpgradeWanted() with { Canister = Running(HashV1) with { OperatorIsController = false } };
        var plan = CanisterPlanner.Plan(input);
        plan.Reason.Should().Be(R.NotController);
        plan.Stalled.Should().BeTrue();
        plan.Message.Should().Contain(Operator);
    }

    [Fact]
    public void A_recorded_canister_that_no_longer_exists_is_reported_not_recreated()
    {
        var plan = CanisterPlanner.Plan(InSync() with { Canister = Running(null) with { Exists = false } });
        plan.Reason.Should().Be(R.CanisterNotFound);
        plan.Step.Kind.Should().Be(CanisterStepKind.None);
    }

    [Theory]
    [InlineData(TemplateAvailability.TemplateNotFound, R.TemplateNotFound)]
    [InlineData(TemplateAvailability.VersionMissing, R.TemplateVersionMissing)]
    [InlineData(TemplateAvailability.NotVerified, R.TemplateVersionNotVerified)]
    public void Unusable_template_waits_without_touching_the_canister(TemplateAvailability availability, string reason)
    {
        var plan = CanisterPlanner.Plan(UpgradeWanted() with { Template = availability, Module = null });
        plan.Reason.Should().Be(reason);
        plan.Step.Kind.Should().Be(CanisterStepKind.None);
        plan.Stalled.Should().BeFalse();
        plan.Message.Should().Contain("app");
    }

    [Fact]
    public void Network_not_ready_waits()
    {
        var plan = CanisterPlanner.Plan(UpgradeWanted() with { Network = new NetworkObservation { Ready = false, Message = "identity Secret missing" } });
        plan.Reason.Should().Be(R.NetworkNotReady);
        plan.Message.Should().Contain("identity Secret missing");
        plan.Step.Kind.Should().Be(CanisterStepKind.None);
    }

    public static TheoryData<DeletionPolicy, CanisterRunStatus, CanisterStepKind> DeletionSteps => new()
    {
        { DeletionPolicy.Retain, CanisterRunStatus.Running, CanisterStepKind.RemoveFinalizer },
        { DeletionPolicy.Stop, CanisterRunStatus.Running, CanisterStepKind.Stop },
        { DeletionPolicy.Stop, CanisterRunStatus.Stopping, CanisterStepKind.None },
        { DeletionPolicy.Stop, CanisterRunStatus.Stopped, CanisterStepKind.RemoveFinalizer },
        { DeletionPolicy.Delete, CanisterRunStatus.Running, CanisterStepKind.Stop },
        { DeletionPolicy.Delete, CanisterRunStatus.Stopped, CanisterStepKind.DeleteCanister },
    };

    [Theory]
    [MemberData(nameof(DeletionSteps))]
    public void Deleted_resource_applies_its_deletion_policy(DeletionPolicy policy, CanisterRunStatus status, CanisterStepKind expected)
    {
        var input = InSync().WithCanister(status, HashV2) with { Deleting = true };
        input = input with { Spec = input.Spec with { DeletionPolicy = policy } };
        var plan = CanisterPlanner.Plan(input);
        plan.State.Should().Be(CanisterState.Deleting);
        plan.Phase.Should().Be(CanisterPhase.Deleting);
        plan.Step.Kind.Should().Be(expected);
    }

    [Fact]
    public void Deleted_resource_whose_canister_is_gone_or_observed_only_just_lets_go()
    {
        var gone = InSync() with { Deleting = true, Spec = InSync().Spec with { DeletionPolicy = DeletionPolicy.Delete }, Canister = Running(null) with { Exists = false } };
        CanisterPlanner.Plan(gone).Step.Kind.Should().Be(CanisterStepKind.RemoveFinalizer);

        var observed = InSync() with { Deleting = true, Spec = InSync().Spec with { DeletionPolicy = DeletionPolicy.Delete, ManagementPolicy = ManagementPolicy.ObserveOnly } };
        CanisterPlanner.Plan(observed).Step.Kind.Should().Be(CanisterStepKind.RemoveFinalizer);

        var neverCreated = Fresh() with { Deleting = true };
        CanisterPlanner.Plan(neverCreated).Step.Kind.Should().Be(CanisterStepKind.RemoveFinalizer);
    }

    [Fact]
    public void Deleting_during_an_interrupted_create_records_the_created_canister_before_letting_go()
    {
        var pending = new CanisterDeploymentStatus { PendingCreate = new PendingCreate { StartedAt = T0, SpecifiedId = Canister } };
        var input = Fresh() with { Deleting = true, Status = pending, Spec = Spec() with { DeletionPolicy = DeletionPolicy.Delete }, Canister = Running(null) };
        var plan = CanisterPlanner.Plan(input);
        plan.Step.Kind.Should().Be(CanisterStepKind.Create, "the create's canister is recorded, so the deletion policy reaches it");
        plan.Message.Should().Contain(Canister).And.Contain("deletionPolicy Delete");

        var notCreated = input with { Canister = Running(null) with { Exists = false } };
        CanisterPlanner.Plan(notCreated).Step.Kind.Should().Be(CanisterStepKind.RemoveFinalizer);
        var retained = input with { Spec = Spec() with { DeletionPolicy = DeletionPolicy.Retain } };
        CanisterPlanner.Plan(retained).Step.Kind.Should().Be(CanisterStepKind.RemoveFinalizer);
    }

    [Fact]
    public void Deletion_wins_over_suspend_and_operations_in_progress()
    {
        var input = Upgrading(OperationStep.SnapshotTaken, "0a01") with { Deleting = true };
        input = input with { Spec = input.Spec with { Suspend = true, DeletionPolicy = DeletionPolicy.Stop } };
        CanisterPlanner.Plan(input).Step.Kind.Should().Be(CanisterStepKind.Stop);
    }
}

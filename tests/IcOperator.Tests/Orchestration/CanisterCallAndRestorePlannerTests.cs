using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;
using static IcOperator.Tests.Orchestration.Scenario;
using R = IcOperator.Api.V1Alpha1.CanisterDeploymentReasons;

namespace IcOperator.Tests.Orchestration;

/// <summary>Post-deploy calls, pre-delete calls and restore on request: each state → the next step.</summary>
public sealed class CanisterCallAndRestorePlannerTests
{
    private static readonly PostDeployCall Greet = new() { Name = "greet", Method = "init", When = CallTrigger.Install };
    private static readonly PostDeployCall Migrate = new() { Name = "migrate", Method = "migrate", When = CallTrigger.Upgrade };
    private static readonly PostDeployCall Touch = new() { Name = "touch", Method = "touch", When = CallTrigger.EveryDeploy };

    private static CallRecord Record(string name, CallResult? result, bool sent = true) =>
        new() { Name = name, SentAt = sent ? T0 : null, Result = result, Message = result == CallResult.Rejected ? "IC0503: trapped" : null };

    /// <summary>An upgrade to v2 done and healthy (the canister runs v2), with the given calls declared and recorded.</summary>
    private static CanisterPlanInput UpgradedWithCalls(OperationType type, IEnumerable<PostDeployCall> declared, params CallRecord[] recorded)
    {
        var input = Upgrading(OperationStep.SnapshotTaken, snapshotId: "0a", type: type).WithCanister(CanisterRunStatus.Running, HashV2);
        return input with
        {
            Spec = input.Spec with { PostDeploy = [.. declared] },
            Status = input.Status with { LastOperation = input.Status.LastOperation! with { Calls = [.. recorded] } },
        };
    }

    private static CanisterPlanInput Deleting(params CallRecord[] recorded) => InSync() with
    {
        Deleting = true,
        Spec = InSync().Spec with { DeletionPolicy = DeletionPolicy.Delete, PreDelete = [new PreDeleteCall { Name = "goodbye", Method = "deinit" }] },
        Status = InSync().Status with { PreDeleteCalls = [.. recorded] },
    };

    private static CanisterPlanInput RestoreRequested(string snapshot, string? handled = null) => InSync() with
    {
        Spec = InSync().Spec with { Restore = new RestoreRequest { SnapshotId = snapshot, RequestedAt = "r1" } },
        Status = InSync().Status with { LastHandledRestoreAt = handled },
        Canister = Running(HashV2) with { Snapshots = [new ObservedSnapshot("0a", T0, 100)] },
    };

    private static CanisterPlanInput Restoring(OperationStep step, CanisterRunStatus status, string? loadedHash) => InSync() with
    {
        Status = InSync().Status with
        {
            LastOperation = new OperationRecord { Type = OperationType.Restore, SnapshotId = "0a", To = "1.0.0", ToModuleHash = HashV1, RequestedAt = "r1", Step = step, StartedAt = T0 },
        },
        Canister = Running(loadedHash) with { Status = status },
    };

    private static readonly Dictionary<string, (Func<CanisterPlanInput> Input, CanisterStepKind Step, string Reason, string? Call)> Cases = new()
    {
        ["install: first declared install call"] = (() => UpgradedWithCalls(OperationType.Install, [Greet, Migrate, Touch]), CanisterStepKind.CallMethod, R.CallingMethod, "greet"),
        ["install: upgrade-only call skipped"] = (() => UpgradedWithCalls(OperationType.Install, [Greet, Migrate, Touch], Record("greet", CallResult.Replied)), CanisterStepKind.CallMethod, R.CallingMethod, "touch"),
        ["install: all replied completes"] = (() => UpgradedWithCalls(OperationType.Install, [Greet, Migrate, Touch], Record("greet", CallResult.Replied), Record("touch", CallResult.Replied)), CanisterStepKind.CompleteOperation, R.Deployed, null),
        ["upgrade: install-only call skipped"] = (() => UpgradedWithCalls(OperationType.Upgrade, [Greet, Migrate]), CanisterStepKind.CallMethod, R.CallingMethod, "migrate"),
        ["upgrade: call sent before a restart is resolved, not resent"] = (() => UpgradedWithCalls(OperationType.Upgrade, [Migrate], Record("migrate", null)), CanisterStepKind.CallMethod, R.CallingMethod, "migrate"),
        ["upgrade: rejected call rolls back"] = (() => UpgradedWithCalls(OperationType.Upgrade, [Migrate], Record("migrate", CallResult.Rejected)), CanisterStepKind.BeginRollback, R.RollingBack, null),
        ["upgrade: rejected call without rollback fails"] = (() => UpgradedWithCalls(OperationType.Upgrade, [Migrate], Record("migrate", CallResult.Rejected)).WithUpgrade(u => u with { RollbackOnFailure = false }), CanisterStepKind.CompleteOperation, R.PostDeployCallFailed, null),
        ["install: rejected call cannot roll back"] = (() => UpgradedWithCalls(OperationType.Install, [Greet], Record("greet", CallResult.Rejected)), CanisterStepKind.CompleteOperation, R.PostDeployCallFailed, null),
        ["unknown outcome stalls"] = (() => UpgradedWithCalls(OperationType.Upgrade, [Migrate], Record("migrate", CallResult.Unknown)), CanisterStepKind.None, R.CallOutcomeUnknown, null),
        ["delete: pre-delete call first"] = (() => Deleting(), CanisterStepKind.CallMethod, R.CallingMethod, "goodbye"),
        ["delete: after the call, stop"] = (() => Deleting(Record("goodbye", CallResult.Replied)), CanisterStepKind.Stop, R.Deleting, null),
        ["delete: a rejected call does not block deletion"] = (() => Deleting(Record("goodbye", CallResult.Rejected)), CanisterStepKind.Stop, R.Deleting, null),
        ["restore: known snapshot begins a restore"] = (() => RestoreRequested("0A"), CanisterStepKind.BeginOperation, R.Restoring, null),
        ["restore: handled request is not repeated"] = (() => RestoreRequested("0a", handled: "r1"), CanisterStepKind.None, R.Deployed, null),
        ["restore: unknown snapshot stalls"] = (() => RestoreRequested("ff"), CanisterStepKind.None, R.SnapshotNotFound, null),
        ["restore: stop first"] = (() => Restoring(OperationStep.Started, CanisterRunStatus.Running, HashV2), CanisterStepKind.Stop, R.Restoring, null),
        ["restore: load when stopped"] = (() => Restoring(OperationStep.Started, CanisterRunStatus.Stopped, HashV2), CanisterStepKind.LoadSnapshot, R.Restoring, null),
        ["restore: start after loading"] = (() => Restoring(OperationStep.SnapshotLoaded, CanisterRunStatus.Stopped, HashV1), CanisterStepKind.Start, R.Restoring, null),
        ["restore: done when the snapshot's module runs"] = (() => Restoring(OperationStep.SnapshotLoaded, CanisterRunStatus.Running, HashV1), CanisterStepKind.CompleteOperation, R.Restored, null),
        ["restore: another module after loading fails"] = (() => Restoring(OperationStep.SnapshotLoaded, CanisterRunStatus.Running, HashOther), CanisterStepKind.CompleteOperation, R.RestoreFailed, null),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_state_has_one_next_step(string name)
    {
        var (input, step, reason, call) = Cases[name];

        var plan = CanisterPlanner.Plan(input());

        plan.Step.Kind.Should().Be(step);
        plan.Reason.Should().Be(reason);
        plan.Step.CallName.Should().Be(call);
    }

    [Fact]
    public void Bad_call_arguments_stall_before_the_canister_is_created()
    {
        var input = new CanisterPlanInput
        {
            Spec = Spec(),
            Network = new NetworkObservation { Ready = true, OperatorPrincipal = Operator },
            Module = V2,
            Calls = GateResult.Fail("spec.postDeploy[greet]: init(42) cannot be sent"),
        };

        var plan = CanisterPlanner.Plan(input);

        plan.Stalled.Should().BeTrue();
        plan.Step.Kind.Should().Be(CanisterStepKind.None);
        plan.Reason.Should().Be(R.InvalidCall);
        plan.Message.Should().Contain("spec.postDeploy[greet]");
    }

    [Fact]
    public void A_rejected_call_rolls_back_with_the_call_named_in_the_operation()
    {
        var plan = CanisterPlanner.Plan(UpgradedWithCalls(OperationType.Upgrade, [Migrate], Record("migrate", CallResult.Rejected)));

        plan.Step.Message.Should().Contain("Post-deploy call migrate (migrate) was rejected").And.Contain("IC0503: trapped");
    }
}

using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Tests.Orchestration;

/// <summary>Builds planner inputs: a deployment of template "app" on a Ready local network, canister running v1.</summary>
internal static class Scenario
{
    public const string Canister = "rrkah-fqaaa-aaaaa-aaaaq-cai";
    public const string Operator = "2vxsx-fae";
    public static readonly string HashV1 = new('1', 64);
    public static readonly string HashV2 = new('2', 64);
    public static readonly string HashOther = new('9', 64);
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static DesiredModule V1 { get; } = new() { Version = "1.0.0", Sha256 = HashV1, Size = 1000 };

    public static DesiredModule V2 { get; } = new() { Version = "2.0.0", Sha256 = HashV2, Size = 1000 };

    public static CanisterDeploymentSpec Spec(string version = "2.0.0") => new()
    {
        NetworkRef = new LocalObjectReference { Name = "local" },
        Template = new TemplateVersionReference { Name = "app", Version = version },
    };

    public static ObservedCanister Running(string? moduleHash) => new()
    {
        CanisterId = Canister,
        ModuleHash = moduleHash,
        Settings = new ObservedSettings { Controllers = [Operator] },
    };

    /// <summary>v1 deployed and recorded; the spec asks for v2.</summary>
    public static CanisterPlanInput UpgradeWanted() => new()
    {
        Spec = Spec(),
        Generation = 2,
        Network = new NetworkObservation { Ready = true, OperatorPrincipal = Operator },
        Module = V2,
        Status = new CanisterDeploymentStatus { CanisterId = Canister, Version = "1.0.0", ModuleHash = HashV1 },
        Canister = Running(HashV1),
    };

    /// <summary>An upgrade from v1 to v2 recorded as started.</summary>
    public static CanisterPlanInput Upgrading(OperationStep step = OperationStep.Started, string? snapshotId = null, OperationType type = OperationType.Upgrade)
    {
        var input = UpgradeWanted();
        return input with
        {
            Status = input.Status with
            {
                LastOperation = new OperationRecord
                {
                    Type = type,
                    From = "1.0.0",
                    To = "2.0.0",
                    FromModuleHash = HashV1,
                    ToModuleHash = HashV2,
                    SnapshotId = snapshotId,
                    Step = step,
                    StartedAt = T0,
                },
                Snapshots = snapshotId is null ? [] : [new SnapshotRecord { Id = snapshotId, TakenAt = T0, Version = "1.0.0", ModuleHash = HashV1 }],
            },
        };
    }

    public static CanisterPlanInput WithCanister(this CanisterPlanInput input, CanisterRunStatus status, string? moduleHash, params ObservedSnapshot[] snapshots) =>
        input with { Canister = Running(moduleHash) with { Status = status, Snapshots = snapshots } };

    public static CanisterPlanInput WithUpgrade(this CanisterPlanInput input, Func<UpgradePolicy, UpgradePolicy> change) =>
        input with { Spec = input.Spec with { Upgrade = change(input.Spec.Upgrade) } };

    public static CanisterPlanInput InSync(int retention = 2, params SnapshotRecord[] snapshots) => new()
    {
        Spec = Spec() with { SnapshotRetention = retention },
        Network = new NetworkObservation { Ready = true, OperatorPrincipal = Operator },
        Module = V2,
        Status = new CanisterDeploymentStatus { CanisterId = Canister, Version = "2.0.0", ModuleHash = HashV2, Snapshots = [.. snapshots] },
        Canister = Running(HashV2),
    };
}

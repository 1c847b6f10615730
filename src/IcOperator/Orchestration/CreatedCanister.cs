using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration;

/// <summary>
/// What the operator knows of a canister its own create_canister call has just made, without reading it: empty,
/// running, no snapshots, exactly the controllers the create passed. The deploy (install, health check, post-deploy
/// calls) is planned on that; any other step is planned on canister_status, read first. A restart forgets it and reads.
/// </summary>
internal static class CreatedCanister
{
    /// <summary>
    /// The canister as the create left it; null when the spec sets settings the create does not pass (it passes the
    /// controllers only), since a drift check would compare them with values nobody read.
    /// </summary>
    public static ObservedCanister? Implied(string canisterId, CanisterSettingsSpec? settings, IEnumerable<string> controllers) =>
        settings is not null && SetsMoreThanControllers(settings)
            ? null
            : new ObservedCanister
            {
                CanisterId = canisterId,
                Status = CanisterRunStatus.Running,
                Settings = new ObservedSettings { Controllers = [.. controllers] },
                ImpliedByCreate = true,
            };

    /// <summary>Whether a step may be planned on the implied canister: the deploy's steps and the status writes around them.</summary>
    public static bool MayPlan(CanisterStepKind step) => step is CanisterStepKind.None or CanisterStepKind.BeginOperation or CanisterStepKind.Install
        or CanisterStepKind.VerifyHealth or CanisterStepKind.CallMethod or CanisterStepKind.CompleteOperation or CanisterStepKind.RecordVersion;

    private static bool SetsMoreThanControllers(CanisterSettingsSpec settings) =>
        settings.ComputeAllocation is not null || settings.MemoryAllocation is not null || settings.FreezingThreshold is not null
        || settings.ReservedCyclesLimit is not null || settings.WasmMemoryLimit is not null || settings.LogVisibility is not null;
}

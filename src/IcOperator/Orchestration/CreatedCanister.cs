using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration;

/// <summary>
/// What the operator knows of a canister its own create_canister call has just made, without reading it: empty,
/// running, no snapshots, exactly the controllers and settings the create passed. The deploy (install, health check,
/// post-deploy calls) is planned on that; any other step is planned on canister_status, read first. A restart forgets
/// it and reads.
/// </summary>
internal static class CreatedCanister
{
    /// <summary>
    /// The canister as the create left it; null when the spec sets a setting the create does not carry
    /// (<see cref="NotCarried"/>), since a drift check would compare it with a value nobody read.
    /// </summary>
    public static ObservedCanister? Implied(string canisterId, CanisterSettingsSpec? settings, IEnumerable<string> controllers, CyclesSource source) =>
        NotCarried(settings, source).Count > 0
            ? null
            : new ObservedCanister
            {
                CanisterId = canisterId,
                Status = CanisterRunStatus.Running,
                Settings = SettingsPassed(settings, controllers),
                ImpliedByCreate = true,
            };

    /// <summary>
    /// The spec's settings the create cannot pass, which are left to canister_status and update_settings: none for the
    /// management canister's create, which takes the whole canister_settings record; the cycles ledger's create_canister
    /// takes controllers, allocations, freezing threshold and reserved cycles limit only.
    /// </summary>
    public static IReadOnlyList<string> NotCarried(CanisterSettingsSpec? settings, CyclesSource source)
    {
        if (settings is null || source != CyclesSource.CyclesLedger)
        {
            return [];
        }

        var left = new List<string>();
        if (settings.WasmMemoryLimit is not null)
        {
            left.Add("wasmMemoryLimit");
        }

        if (settings.LogVisibility is not null)
        {
            left.Add("logVisibility");
        }

        return left;
    }

    /// <summary>Whether a step may be planned on the implied canister: the deploy's steps and the status writes around them.</summary>
    public static bool MayPlan(CanisterStepKind step) => step is CanisterStepKind.None or CanisterStepKind.BeginOperation or CanisterStepKind.Install
        or CanisterStepKind.VerifyHealth or CanisterStepKind.CallMethod or CanisterStepKind.CompleteOperation or CanisterStepKind.RecordVersion;

    /// <summary>
    /// The settings the create set, as canister_status would report them. A field the spec leaves unset keeps the
    /// record's default, which nothing compares: drift is looked for in the fields the spec sets only.
    /// </summary>
    private static ObservedSettings SettingsPassed(CanisterSettingsSpec? settings, IEnumerable<string> controllers)
    {
        var passed = new ObservedSettings { Controllers = [.. controllers] };
        return settings is null ? passed : SettingsDrift.Applied(settings, passed);
    }
}

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// How many instructions one execution may use before it traps with IC0522; the defaults are the IC's. Wasmtime's
/// fuel counts them (roughly one unit per Wasm instruction). Tests lower them to stop a looping module quickly.
/// </summary>
public sealed record InstructionLimits
{
    /// <summary>Update calls, callbacks and timers.</summary>
    public ulong Update { get; init; } = 40_000_000_000;

    /// <summary>Queries.</summary>
    public ulong Query { get; init; } = 5_000_000_000;

    /// <summary><c>canister_init</c>, and <c>canister_pre_upgrade</c> + <c>canister_post_upgrade</c> together.</summary>
    public ulong Install { get; init; } = 300_000_000_000;

    /// <summary><c>canister_inspect_message</c>.</summary>
    public ulong InspectMessage { get; init; } = 200_000_000;
}

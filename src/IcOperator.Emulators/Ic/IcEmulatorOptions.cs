namespace IcOperator.Emulators.Ic;

/// <summary>How an <see cref="IcEmulator"/> starts.</summary>
public sealed record IcEmulatorOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The replica's clock (certified time, ingress expiry, idle cycles burn, snapshot times).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Derives the root and node keys from these bytes, so restarts keep the same root key; random when null.</summary>
    public byte[]? KeySeed { get; init; }

    /// <summary>The index of the first canister id handed out (default: bkyz2-fmaaa-aaaaa-qaaaq-cai).</summary>
    public ulong FirstCanisterIndex { get; init; } = State.ReplicatedState.DefaultFirstCanisterIndex;

    /// <summary>How long a completed call's reply stays readable by read_state (then it reads as <c>done</c>).</summary>
    public TimeSpan RequestStatusRetention { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many instructions one execution of a real canister module may use (the IC's limits by default).</summary>
    public Wasm.InstructionLimits InstructionLimits { get; init; } = new();
}

namespace IcOperator.Emulators.Ic;

/// <summary>How an <see cref="IcEmulator"/> starts.</summary>
public sealed record IcEmulatorOptions
{
    /// <summary>The default of <see cref="LogCapacity"/>: far more than a benchmark run makes (about 10,000 update calls at N = 1,000).</summary>
    public const int DefaultLogCapacity = 200_000;

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

    /// <summary>
    /// How long an update call takes to go through consensus before it executes (mainnet: about 1 s).
    /// Queries and read_state answer at once. Wall-clock time, even with a test clock.
    /// </summary>
    public TimeSpan UpdateLatency { get; init; } = TimeSpan.Zero;

    /// <summary>Most update calls the subnet takes into blocks per second; later ones wait their turn. Null: no limit.</summary>
    public int? IngressMessagesPerSecond { get; init; }

    /// <summary>
    /// How often the subnet certifies its state at most: responses waiting at the same time share one
    /// round's signature over one root hash. Wall-clock time.
    /// </summary>
    public TimeSpan CertificationRound { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Adds a second subnet with its own key, node and canister range (indices 0x2000000..0x20FFFFF, taken out of the
    /// first subnet's): its certificates carry the root subnet's delegation, and install_chunked_code refuses a store
    /// canister on the other subnet, as the IC does. Canisters land on it by a specified id in its range or by the
    /// cycles ledger's subnet_selection.
    /// </summary>
    public bool SecondSubnet { get; init; }

    /// <summary>How many instructions one execution of a real canister module may use (the IC's limits by default).</summary>
    public Wasm.InstructionLimits InstructionLimits { get; init; } = new();

    /// <summary>
    /// How many of the newest records the logs of update calls and read_state requests keep (<see cref="Counters.IcCounters"/>);
    /// older ones are dropped, so a long-running emulator's logs stay bounded. Counts per method are never dropped.
    /// </summary>
    public int LogCapacity { get; init; } = DefaultLogCapacity;
}

using System.Diagnostics;
using System.Numerics;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Wasm;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>The replicated state of one canister. Guarded by the replica's lock.</summary>
internal sealed class Canister(Principal id, CanisterSettings settings, BigInteger cycles, DateTimeOffset createdAt)
{
    // The replica keeps at most this many bytes of log and this many history entries per canister.
    public const int MaxHistory = 20;

    public Principal Id { get; } = id;

    public CanisterStatus Status { get; private set; } = CanisterStatus.Running;

    /// <summary>Since when the canister has not been running (stopping or stopped); null while it runs.</summary>
    public DateTimeOffset? DownSince { get; private set; }

    /// <summary>Time spent stopping or stopped before <see cref="DownSince"/>.</summary>
    public TimeSpan PastDowntime { get; private set; }

    public CanisterSettings Settings { get; set; } = settings;

    public InstalledModule? Module { get; set; }

    /// <summary>The key-value state methods store into; it plays the part of stable memory.</summary>
    public Dictionary<string, byte[]> State { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The running instance of a module that executes for real; null for behaviour modules and empty canisters.</summary>
    public CanisterInstance? Instance { get; set; }

    public StableMemory StableMemory { get; set; } = new();

    /// <summary>What the canister certified with <c>ic0.certified_data_set</c> (at most 32 bytes).</summary>
    public byte[] CertifiedData
    {
        get;
        set
        {
            field = value;
            CertifiedDataChangedAt = Stopwatch.GetTimestamp();
        }
    } = [];

    /// <summary>When <see cref="CertifiedData"/> was last set (a <see cref="Stopwatch"/> timestamp): a data certificate must come from a later round.</summary>
    public long CertifiedDataChangedAt { get; private set; }

    /// <summary>When <c>canister_global_timer</c> runs next, in nanoseconds since 1970; 0 when the timer is off.</summary>
    public long GlobalTimer { get; set; }

    public ChunkStore Chunks { get; } = new();

    public List<CanisterSnapshot> Snapshots { get; } = [];

    public ulong NextSnapshotIndex { get; set; }

    public List<CanisterLogRecord> Logs { get; } = [];

    public ulong NextLogIndex { get; set; }

    public List<CanisterChange> History { get; } = [];

    public ulong TotalChanges { get; set; }

    public BigInteger Cycles { get; set; } = cycles;

    public DateTimeOffset ChargedUntil { get; set; } = createdAt;

    /// <summary>Idle burn accrued but below one cycle, in cycles·GiB-ticks (see <c>ReplicatedState.Accrue</c>).</summary>
    public BigInteger UnchargedBurn { get; set; }

    /// <summary><c>canister_version</c>: bumped by every change of code, settings or status.</summary>
    public ulong Version { get; set; }

    public BigInteger QueryCalls { get; set; }

    public BigInteger QueryRequestBytes { get; set; }

    public BigInteger QueryResponseBytes { get; set; }

    /// <summary>Moves to <paramref name="status"/>, adding up the time the canister did not run.</summary>
    public void SetStatus(CanisterStatus status, DateTimeOffset now)
    {
        if (status == CanisterStatus.Running && DownSince is { } since)
        {
            PastDowntime += now - since;
            DownSince = null;
        }
        else if (status != CanisterStatus.Running && DownSince is null)
        {
            DownSince = now;
        }

        Status = status;
    }

    /// <summary>All the time the canister has not been running, up to <paramref name="now"/>.</summary>
    public TimeSpan Downtime(DateTimeOffset now) => PastDowntime + (DownSince is { } since ? now - since : TimeSpan.Zero);

    public bool IsController(Principal principal) => Settings.Controllers.Contains(principal);

    public long StateSize => State.Sum(kv => (long)kv.Key.Length + kv.Value.Length) + StableMemory.SizeInBytes;

    public long HistorySize => History.Count * 120L;

    public long SnapshotsSize => Snapshots.Sum(s => s.TotalSize);

    public long LogSize => Logs.Sum(l => (long)l.Content.Length + 16);

    /// <summary>Memory as the replica counts it: the module, its state, chunks, snapshots, history and logs.</summary>
    public long MemorySize =>
        (Module is null ? 0 : Module.Module.DecompressedSize + WasmMemorySize)
        + StateSize + Chunks.Size + SnapshotsSize + HistorySize + LogSize;

    /// <summary>The instance's main memory; a behaviour module counts as one 64 KiB Wasm page.</summary>
    public long WasmMemorySize => Module is null ? 0 : Instance?.MemoryLength ?? 65536;

    /// <summary>Drops the code and every piece of state that lives with it (uninstall, running out of cycles).</summary>
    public void ClearCode()
    {
        Module = null;
        State = new(StringComparer.Ordinal);
        Instance?.Dispose();
        Instance = null;
        StableMemory = new();
        CertifiedData = [];
        GlobalTimer = 0;
    }

    public void AddLog(DateTimeOffset now, byte[] content)
    {
        Logs.Add(new CanisterLogRecord(NextLogIndex++, now, content));
        var limit = (long)BigInteger.Min(Settings.LogMemoryLimit, int.MaxValue);
        while (Logs.Count > 1 && LogSize > limit)
        {
            Logs.RemoveAt(0);
        }
    }

    public void AddChange(CanisterChange change)
    {
        History.Add(change);
        TotalChanges++;
        if (History.Count > MaxHistory)
        {
            History.RemoveAt(0);
        }
    }
}

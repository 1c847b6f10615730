using System.Numerics;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Counters;
using IcOperator.Emulators.Ic.Cycles;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Faults;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Ic.Rejects;
using IcOperator.Emulators.Ic.Wasm;

namespace IcOperator.Emulators.Ic.State;

/// <summary>
/// The state of the emulated subnet: its canisters, the clock and what tests observe. Every change happens under
/// <see cref="Gate"/>, one message at a time, as on a replica.
/// </summary>
internal sealed class ReplicatedState(TimeProvider clock, ICandidCodec codec, IcCounters counters, IcFaults faults, ulong firstCanisterIndex)
{
    /// <summary>The first canister id a local dfx or PocketIC network hands out, bkyz2-fmaaa-aaaaa-qaaaq-cai.</summary>
    public const ulong DefaultFirstCanisterIndex = 0x8000000000100001;

    private readonly SortedDictionary<Principal, Canister> canisters = new();
    private readonly HashSet<Principal> deleted = [];
    private ulong nextIndex = firstCanisterIndex;
    private readonly Dictionary<Principal, ulong> nextIndexOnSubnet = [];
    private WasmExecutor? wasm;

    public Lock Gate { get; } = new();

    public TimeProvider Clock { get; } = clock;

    public ICandidCodec Codec { get; } = codec;

    public IcCounters Counters { get; } = counters;

    public IcFaults Faults { get; } = faults;

    public InstructionLimits InstructionLimits { get; init; } = new();

    /// <summary>The modules read so far, so installing one module into many canisters reads it once.</summary>
    public ModuleCache Modules { get; } = new();

    /// <summary>The network's subnets and their canister ranges; the first holds every id no other one does.</summary>
    public IReadOnlyList<SubnetPlacement> Subnets { get; set; } = [];

    /// <summary>The subnet that holds <paramref name="canisterId"/>: the first one unless another one's ranges hold it.</summary>
    public Principal? SubnetOf(Principal canisterId) =>
        Subnets.Skip(1).FirstOrDefault(s => s.Ranges.Contains(canisterId))?.SubnetId ?? (Subnets.Count > 0 ? Subnets[0].SubnetId : null);

    /// <summary>Runs the canisters whose modules execute for real.</summary>
    public WasmExecutor Wasm => wasm ??= new WasmExecutor(this, InstructionLimits);

    public DateTimeOffset Now => Clock.GetUtcNow();

    public IEnumerable<Canister> Canisters => canisters.Values;

    public Canister? Find(Principal id) => canisters.GetValueOrDefault(id);

    /// <summary>The canister, or the replica's IC0301 reject.</summary>
    public Canister Get(Principal id)
    {
        var canister = Find(id) ?? throw new IcRejectException(
            IcRejectCode.DestinationInvalid, IcErrorCode.CanisterNotFound, $"Canister {id} not found.");
        Accrue(canister);
        return canister;
    }

    /// <summary>The canister when <paramref name="caller"/> controls it, else the replica's IC0512 reject.</summary>
    public Canister GetControlled(Principal id, Principal caller)
    {
        var canister = Get(id);
        if (!canister.IsController(caller))
        {
            throw NotController(canister, caller);
        }

        return canister;
    }

    public static IcRejectException NotController(Canister canister, Principal caller) => new(
        IcRejectCode.CanisterError,
        IcErrorCode.CanisterInvalidController,
        $"Only the controllers of the canister {canister.Id} can control it.\n"
        + $"Canister's controllers: {string.Join(" ", canister.Settings.Controllers)}\n"
        + $"Sender's ID: {caller}");

    /// <summary>Creates a canister at <paramref name="specifiedId"/>, or at the next free id of <paramref name="subnet"/> (default: the first subnet).</summary>
    public Canister Create(Principal creator, CanisterSettingsUpdate? settings, BigInteger cycles, Principal? specifiedId, Principal? subnet = null)
    {
        var definite = SettingsValidation.Apply(SettingsValidation.Defaults(creator), settings);
        if (subnet is not null && Subnets.Count > 0 && Subnets.All(s => s.SubnetId != subnet))
        {
            throw new IcRejectException(IcRejectCode.DestinationInvalid, IcErrorCode.CanisterNotFound, $"Subnet {subnet} is not a subnet of this network.");
        }

        Principal id;
        if (specifiedId is not null)
        {
            if (!specifiedId.TryGetCanisterIndex(out _))
            {
                throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterContractViolation,
                    $"Specified id {specifiedId} is not a canister id (10 bytes ending in 0x01 0x01).");
            }

            if (canisters.ContainsKey(specifiedId) || deleted.Contains(specifiedId))
            {
                throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterIdAlreadyExists,
                    $"Canister {specifiedId} is already installed.");
            }

            id = specifiedId;
        }
        else if (Subnets.Skip(1).FirstOrDefault(s => s.SubnetId == subnet) is { } other)
        {
            other.FirstCanister.TryGetCanisterIndex(out var first);
            var next = nextIndexOnSubnet.GetValueOrDefault(other.SubnetId, first);
            do
            {
                id = Principal.FromCanisterIndex(next++);
            }
            while (canisters.ContainsKey(id) || deleted.Contains(id));
            nextIndexOnSubnet[other.SubnetId] = next;
        }
        else
        {
            do
            {
                id = Principal.FromCanisterIndex(nextIndex++);
            }
            while (canisters.ContainsKey(id) || deleted.Contains(id));
        }

        var canister = new Canister(id, definite, cycles, Now);
        canister.AddChange(new CanisterChange(Now, 0, creator, "creation") { Controllers = definite.Controllers });
        canisters.Add(id, canister);
        Counters.CountCanisterCreated();
        return canister;
    }

    public void Delete(Canister canister)
    {
        canister.ClearCode();
        canisters.Remove(canister.Id);
        deleted.Add(canister.Id);
    }

    /// <summary>Charges the idle cycles (storage, compute allocation) since the canister was last charged.</summary>
    public void Accrue(Canister canister)
    {
        var now = Now;
        var elapsed = now - canister.ChargedUntil;
        if (elapsed <= TimeSpan.Zero)
        {
            return;
        }

        var perSecond = CyclesCosts.IdlePerSecondScaled(canister, out var scale);
        // Keep the fraction of a cycle not yet charged, so frequent reads do not round the burn away.
        var owed = (perSecond * elapsed.Ticks) + canister.UnchargedBurn;
        var unit = scale * TimeSpan.TicksPerSecond;
        var burned = BigInteger.DivRem(owed, unit, out var remainder);
        canister.UnchargedBurn = remainder;
        canister.ChargedUntil = now;
        if (burned.Sign > 0 && burned >= canister.Cycles)
        {
            // A canister that runs dry loses its code and memory, as on the IC.
            canister.Cycles = 0;
            canister.ClearCode();
            return;
        }

        canister.Cycles -= burned;
    }

    /// <summary>Charges <paramref name="cost"/> or rejects with IC0207 when it would take the canister below its freezing limit.</summary>
    public static void Charge(Canister canister, BigInteger cost)
    {
        var limit = CyclesCosts.FreezingLimit(canister);
        if (canister.Cycles - cost < limit)
        {
            throw new IcRejectException(IcRejectCode.SysTransient, IcErrorCode.CanisterOutOfCycles,
                $"Canister {canister.Id} is out of cycles: please top up the canister with at least {limit + cost - canister.Cycles} additional cycles.");
        }

        canister.Cycles -= cost;
    }

    public static CanisterView View(Canister canister)
    {
        var module = canister.Module?.Module;
        return new CanisterView
        {
            Id = canister.Id,
            Status = canister.Status,
            Settings = canister.Settings,
            ModuleHash = module?.Hash,
            Cycles = canister.Cycles,
            MemorySize = canister.MemorySize,
            MemoryMetrics = new MemoryMetrics(
                canister.WasmMemorySize,
                canister.StateSize,
                0,
                module?.DecompressedSize ?? 0,
                module?.CustomSectionsSize ?? 0,
                canister.HistorySize,
                canister.Chunks.Size,
                canister.SnapshotsSize,
                canister.LogSize),
            IdleCyclesBurnedPerDay = CyclesCosts.IdlePerDay(canister),
            FreezingLimit = CyclesCosts.FreezingLimit(canister),
            Version = canister.Version,
            Snapshots = canister.Snapshots.Select(s => new SnapshotInfo(s.Id, s.TakenAt, s.TotalSize)).ToArray(),
            State = new Dictionary<string, byte[]>(canister.State, StringComparer.Ordinal),
            ChunkHashes = canister.Chunks.Hashes.ToArray(),
            History = canister.History.ToArray(),
            TotalChanges = canister.TotalChanges,
            Logs = canister.Logs.ToArray(),
            QueryCalls = canister.QueryCalls,
            QueryRequestBytes = canister.QueryRequestBytes,
            QueryResponseBytes = canister.QueryResponseBytes,
        };
    }
}

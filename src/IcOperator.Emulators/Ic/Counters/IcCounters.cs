using System.Collections.Concurrent;

namespace IcOperator.Emulators.Ic.Counters;

/// <summary>
/// What the emulator has done, for tests and benchmarks to read: calls per method, chunk bytes, canisters created, and
/// logs of the newest update calls and read_state requests (<see cref="IcEmulatorOptions.LogCapacity"/> of each).
/// </summary>
public sealed class IcCounters(int logCapacity = IcEmulatorOptions.DefaultLogCapacity)
{
    private readonly ConcurrentDictionary<string, long> calls = new(StringComparer.Ordinal);
    private long chunkBytes;
    private long moduleBytes;
    private long canistersCreated;
    private long rejectedRequests;
    private readonly CallLog<UpdateCallRecord> updateCalls = new(logCapacity);
    private readonly CallLog<ReadStateRecord> readStates = new(logCapacity);

    /// <summary>Calls executed, by method name (management methods by their name, e.g. <c>install_code</c>).</summary>
    public long Calls(string method) => calls.TryGetValue(method, out var n) ? n : 0;

    public IReadOnlyDictionary<string, long> CallsByMethod => new Dictionary<string, long>(calls, StringComparer.Ordinal);

    /// <summary>Bytes received by <c>upload_chunk</c>, duplicates included.</summary>
    public long ChunkBytesReceived => Interlocked.Read(ref chunkBytes);

    /// <summary>Bytes of the modules sent whole in <c>install_code</c> (not those assembled from a chunk store).</summary>
    public long ModuleBytesReceived => Interlocked.Read(ref moduleBytes);

    /// <summary>Wasm bytes that came in over calls: chunks uploaded and modules sent whole.</summary>
    public long WasmBytesReceived => ChunkBytesReceived + ModuleBytesReceived;

    public long CanistersCreated => Interlocked.Read(ref canistersCreated);

    /// <summary>HTTP requests refused before execution (bad envelope, signature, expiry, size).</summary>
    public long RejectedRequests => Interlocked.Read(ref rejectedRequests);

    /// <summary>The update calls executed, in order (the newest ones the log keeps): which canister (the target, for management calls) and which method.</summary>
    public IReadOnlyList<UpdateCallRecord> UpdateCalls => updateCalls.Kept;

    /// <summary>Update calls logged so far, dropped ones included: a mark for <see cref="UpdateCallsSince"/>.</summary>
    public long UpdateCallsLogged => updateCalls.Logged;

    /// <summary>The update calls executed after <paramref name="mark"/> (an <see cref="UpdateCallsLogged"/> read earlier), in order.</summary>
    public IReadOnlyList<UpdateCallRecord> UpdateCallsSince(long mark) => updateCalls.Since(mark);

    /// <summary>The read_state requests answered, in order (the newest ones the log keeps).</summary>
    public IReadOnlyList<ReadStateRecord> ReadStates => readStates.Kept;

    /// <summary>read_state requests logged so far, dropped ones included: a mark for <see cref="ReadStatesSince"/>.</summary>
    public long ReadStatesLogged => readStates.Logged;

    /// <summary>The read_state requests answered after <paramref name="mark"/> (a <see cref="ReadStatesLogged"/> read earlier), in order.</summary>
    public IReadOnlyList<ReadStateRecord> ReadStatesSince(long mark) => readStates.Since(mark);

    internal void LogReadState(ReadStateRecord read) => readStates.Add(read);

    internal void LogUpdateCall(UpdateCallRecord call) => updateCalls.Add(call);

    internal void CountCall(string method) => calls.AddOrUpdate(method, 1, (_, n) => n + 1);

    internal void CountChunkBytes(long bytes) => Interlocked.Add(ref chunkBytes, bytes);

    internal void CountModuleBytes(long bytes) => Interlocked.Add(ref moduleBytes, bytes);

    internal void CountCanisterCreated() => Interlocked.Increment(ref canistersCreated);

    internal void CountRejectedRequest() => Interlocked.Increment(ref rejectedRequests);
}

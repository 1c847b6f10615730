using System.Collections.Concurrent;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Faults;

/// <summary>
/// Faults a test turns on: latency, HTTP 429/503 for a share of requests, calls that execute but whose
/// response is lost, rejects on chosen methods, canisters stuck in <c>stopping</c>. Safe to change while serving.
/// </summary>
public sealed class IcFaults
{
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, InjectedReject> rejects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> droppedResponses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Principal, bool> stuckStopping = new();
    private Random random = new(1);

    /// <summary>Added to every HTTP request before it is handled.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Share (0–1) of requests answered HTTP 429 Too Many Requests without being executed.</summary>
    public double ThrottledShare { get; set; }

    /// <summary>Share (0–1) of requests answered HTTP 503 Service Unavailable without being executed.</summary>
    public double UnavailableShare { get; set; }

    /// <summary>Share (0–1) of calls that execute but whose HTTP response is dropped (connection aborted).</summary>
    public double DroppedResponseShare { get; set; }

    /// <summary>Makes the random choices repeatable.</summary>
    public void Seed(int seed)
    {
        lock (gate)
        {
            random = new Random(seed);
        }
    }

    /// <summary>Answer calls of <paramref name="method"/> (on any canister, management methods included) with this reject.</summary>
    public void RejectMethod(string method, InjectedReject reject) => rejects[method] = reject;

    public void ClearReject(string method) => rejects.TryRemove(method, out _);

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> execute, then their response is dropped.</summary>
    public void DropResponses(string method, int count) => droppedResponses[method] = count;

    /// <summary>While set, <c>stop_canister</c> leaves this canister in <c>stopping</c> and times out (IC0206).</summary>
    public void StickInStopping(Principal canister, bool stuck = true)
    {
        if (stuck)
        {
            stuckStopping[canister] = true;
        }
        else
        {
            stuckStopping.TryRemove(canister, out _);
        }
    }

    /// <summary>Turns every fault off.</summary>
    public void Reset()
    {
        Latency = TimeSpan.Zero;
        ThrottledShare = 0;
        UnavailableShare = 0;
        DroppedResponseShare = 0;
        rejects.Clear();
        droppedResponses.Clear();
        stuckStopping.Clear();
    }

    internal InjectedReject? RejectFor(string method) => rejects.TryGetValue(method, out var r) ? r : null;

    internal bool IsStuckStopping(Principal canister) => stuckStopping.ContainsKey(canister);

    /// <summary>Whether this call's response is to be dropped; consumes one of the counted drops.</summary>
    internal bool TakeDroppedResponse(string method)
    {
        while (droppedResponses.TryGetValue(method, out var left) && left > 0)
        {
            if (droppedResponses.TryUpdate(method, left - 1, left))
            {
                return true;
            }
        }

        return Chance(DroppedResponseShare);
    }

    /// <summary>The HTTP status to answer without executing (429 or 503), or null.</summary>
    internal int? TransientHttpStatus()
    {
        if (Chance(ThrottledShare))
        {
            return 429;
        }

        return Chance(UnavailableShare) ? 503 : null;
    }

    private bool Chance(double share)
    {
        if (share <= 0)
        {
            return false;
        }

        lock (gate)
        {
            return random.NextDouble() < share;
        }
    }
}

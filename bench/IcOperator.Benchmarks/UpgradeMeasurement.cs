using IcOperator.Candid;
using IcOperator.Emulators.Ic;

namespace IcOperator.Benchmarks;

/// <summary>
/// One upgrade as the emulator saw it: total time, the canister's downtime (stopping or stopped) and the update calls
/// executed on the canister, each with its time after the first one, so a reader sees which ran while it was down; a
/// call a canister made (the upgrader's) names that canister.
/// </summary>
internal sealed record UpgradeMeasurement(TimeSpan Total, TimeSpan Downtime, IReadOnlyList<(string Method, TimeSpan At)> Calls)
{
    /// <summary>Runs <paramref name="upgrade"/> and measures it on <paramref name="canister"/>.</summary>
    public static async Task<UpgradeMeasurement> MeasureAsync(IcEmulator ic, Principal canister, Func<Task> upgrade)
    {
        var skip = ic.Counters.UpdateCallsLogged;
        var downBefore = ic.CanisterDowntime(canister)!.Value;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await upgrade();
        var total = clock.Elapsed;
        var downtime = ic.CanisterDowntime(canister)!.Value - downBefore;
        var calls = ic.Counters.UpdateCallsSince(skip).Where(c => c.Canister == canister).ToList();
        var first = calls.Count == 0 ? default : calls[0].ExecutedAt;
        return new UpgradeMeasurement(total, downtime, [.. calls.Select(c => (c.MadeBy is null ? c.Method : $"{c.Method} (by {c.MadeBy})", c.ExecutedAt - first))]);
    }

    /// <summary>The calls on one line: <c>method +seconds</c>, in the order they executed.</summary>
    public string Timeline => string.Join(", ", Calls.Select(c => $"{c.Method} +{c.At.TotalSeconds:F2}"));
}

using System.Diagnostics;
using IcOperator.Agent.Certificates;

namespace IcOperator.Emulators.Ic.Certification;

/// <summary>
/// Certifies the state in rounds, as a subnet certifies once per block: every response that waits for
/// the same round gets a witness of the same tree under the same signature. A round starts at most once
/// per <see cref="RoundLength"/> and only when someone waits for it, so an idle emulator signs nothing.
/// </summary>
/// <param name="delay">Waits out the rest of a round length; <see cref="Task.Delay(TimeSpan)"/> unless a test stands in.</param>
internal sealed class CertificationRounds(StateTree tree, SubnetKeys keys, TimeSpan roundLength, CertificateDelegation? delegation = null, Func<TimeSpan, Task>? delay = null)
{
    private static readonly byte[] Time = "time"u8.ToArray();

    private readonly Lock gate = new();
    private CertifiedRound? latest;
    private Task<CertifiedRound>? next;
    private long signed;

    public TimeSpan RoundLength { get; } = roundLength;

    /// <summary>Rounds signed so far: each costs one BLS signature.</summary>
    public long Rounds => Interlocked.Read(ref signed);

    /// <summary>
    /// A certificate of <paramref name="paths"/> (and the time) from the first round that began after
    /// <paramref name="changedAt"/> (a <see cref="Stopwatch"/> timestamp), so it shows every change made by then.
    /// </summary>
    public async Task<byte[]> CertifyAsync(IReadOnlyList<IReadOnlyList<byte[]>> paths, long changedAt, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CertifiedRound? answering;
            Task<CertifiedRound>? pending = null;
            lock (gate)
            {
                answering = latest is { } round && round.StartedAt > changedAt ? round : null;
                if (answering is null)
                {
                    pending = next ??= NextRoundAsync(latest);
                }
            }

            if (answering is not null)
            {
                // The witness is cut outside the lock: the responses a round releases together (a thousand at a fleet's
                // deploy) would otherwise queue on the lock one witness at a time, each holding a pool thread.
                return answering.Certificate([[Time], .. paths]);
            }

            await pending!.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A certificate of <paramref name="paths"/> (and the time) from the latest round when it began at most one
    /// <see cref="RoundLength"/> before <paramref name="arrived"/>, as a subnet that certifies every block answers
    /// read_state from its last block at once; otherwise from a round that begins now.
    /// </summary>
    public Task<byte[]> CertifyLatestAsync(IReadOnlyList<IReadOnlyList<byte[]>> paths, long arrived, CancellationToken cancellationToken) =>
        CertifyAsync(paths, arrived - (long)(RoundLength.TotalSeconds * Stopwatch.Frequency), cancellationToken);

    private async Task<CertifiedRound> NextRoundAsync(CertifiedRound? previous)
    {
        // Leave the caller's lock before anything else, whatever the wait. A round that completed inside the lock would
        // clear `next` before the caller set it, and the caller would then set it to that finished round for good: every
        // later caller would await the finished round, find it too old, and loop on it. Task.Delay completes at once for
        // a wait under a millisecond, so the wait alone does not guarantee this.
        await Task.Yield();
        var wait = previous is null ? TimeSpan.Zero : RoundLength - Stopwatch.GetElapsedTime(previous.StartedAt);
        if (wait > TimeSpan.Zero)
        {
            // Rounds are wall-clock time even when the replica's clock is a test clock.
            await (delay ?? Task.Delay)(wait);
        }

        CertifiedRound round;
        try
        {
            var started = Stopwatch.GetTimestamp();
            var state = tree.Build();
            var unsigned = new Certificate { Tree = state, Signature = [] };
            round = new CertifiedRound(started, state, keys.RootKey.Sign(unsigned.SignedMessage()), delegation);
            Interlocked.Increment(ref signed);
        }
        finally
        {
            lock (gate)
            {
                next = null;
            }
        }

        lock (gate)
        {
            latest = round;
        }

        return round;
    }
}

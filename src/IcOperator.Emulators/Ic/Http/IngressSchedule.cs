using System.Diagnostics;

namespace IcOperator.Emulators.Ic.Http;

/// <summary>
/// When an update call executes, as on a subnet: one consensus delay after it arrives, and no sooner than
/// the subnet's ingress rate lets it into a block (excess messages wait in the ingress pool, none is refused).
/// Queries and read_state do not pass through here: a node answers them at once.
/// </summary>
internal sealed class IngressSchedule
{
    private readonly Lock gate = new();
    private readonly long consensusTicks;
    private readonly long ticksPerMessage;
    private long nextSlot = long.MinValue;

    public IngressSchedule(TimeSpan consensusDelay, int? messagesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consensusDelay, TimeSpan.Zero);
        if (messagesPerSecond is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(messagesPerSecond), messagesPerSecond, "The ingress rate must be at least one message per second.");
        }

        ConsensusDelay = consensusDelay;
        MessagesPerSecond = messagesPerSecond;
        consensusTicks = (long)(consensusDelay.TotalSeconds * Stopwatch.Frequency);
        ticksPerMessage = messagesPerSecond is { } rate ? Stopwatch.Frequency / rate : 0;
    }

    public TimeSpan ConsensusDelay { get; }

    public int? MessagesPerSecond { get; }

    /// <summary>How long a message that arrives at <paramref name="arrival"/> (a <see cref="Stopwatch"/> timestamp) waits before it executes.</summary>
    public TimeSpan Admit(long arrival)
    {
        var slot = arrival + consensusTicks;
        if (ticksPerMessage > 0)
        {
            lock (gate)
            {
                slot = Math.Max(slot, nextSlot);
                nextSlot = slot + ticksPerMessage;
            }
        }

        return TimeSpan.FromSeconds((double)(slot - arrival) / Stopwatch.Frequency);
    }
}

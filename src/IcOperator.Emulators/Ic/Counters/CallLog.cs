namespace IcOperator.Emulators.Ic.Counters;

/// <summary>
/// The newest records of an emulator log, oldest dropped first past its capacity, so a long-running emulator holds a
/// bounded log. <see cref="Logged"/> counts every record ever added: a reader keeps it as a mark and later asks for the
/// records added since, which stays right after older records are dropped.
/// </summary>
internal sealed class CallLog<T>
{
    private readonly Queue<T> records = new();
    private readonly int capacity;
    private long logged;

    public CallLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1, nameof(IcEmulatorOptions.LogCapacity));
        this.capacity = capacity;
    }

    /// <summary>Records added so far, dropped ones included.</summary>
    public long Logged
    {
        get
        {
            lock (records)
            {
                return logged;
            }
        }
    }

    /// <summary>The records kept, oldest first.</summary>
    public IReadOnlyList<T> Kept
    {
        get
        {
            lock (records)
            {
                return [.. records];
            }
        }
    }

    /// <summary>The records added after <paramref name="mark"/> (a <see cref="Logged"/> read earlier) that are still kept, oldest first.</summary>
    public IReadOnlyList<T> Since(long mark)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mark);
        lock (records)
        {
            var firstKept = logged - records.Count;
            return [.. records.Skip((int)Math.Clamp(mark - firstKept, 0, records.Count))];
        }
    }

    public void Add(T record)
    {
        lock (records)
        {
            if (records.Count == capacity)
            {
                records.Dequeue();
            }

            records.Enqueue(record);
            logged++;
        }
    }
}

namespace IcOperator.Emulators.Ic.Requests;

/// <summary>
/// The completed update calls, answerable through read_state for <see cref="Retention"/> (then as <c>done</c> for as
/// long again, then forgotten), like the IC's ingress history.
/// </summary>
internal sealed class RequestStatusStore(TimeProvider clock, TimeSpan retention)
{
    private readonly Dictionary<byte[], RequestStatus> statuses = new(ByteArrayKeyComparer.Instance);
    private readonly Lock gate = new();

    // The earliest moment a status turns done or is forgotten: the statuses are walked only once one is due.
    private DateTimeOffset nextDue = DateTimeOffset.MaxValue;

    public TimeSpan Retention { get; } = retention;

    public void Add(RequestStatus status)
    {
        lock (gate)
        {
            statuses[status.RequestId] = status;
            nextDue = Min(nextDue, status.CompletedAt + (status.Done ? Retention * 2 : Retention));
        }
    }

    public RequestStatus? Find(byte[] requestId)
    {
        lock (gate)
        {
            Expire();
            return statuses.GetValueOrDefault(requestId);
        }
    }

    public IReadOnlyList<RequestStatus> All()
    {
        lock (gate)
        {
            Expire();
            return statuses.Values.ToList();
        }
    }

    private void Expire()
    {
        var now = clock.GetUtcNow();
        if (now <= nextDue)
        {
            return;
        }

        nextDue = DateTimeOffset.MaxValue;
        foreach (var (id, status) in statuses.ToList())
        {
            var age = now - status.CompletedAt;
            if (age > Retention * 2)
            {
                statuses.Remove(id);
                continue;
            }

            var done = status.Done || age > Retention;
            if (done && !status.Done)
            {
                statuses[id] = status with { Done = true };
            }

            nextDue = Min(nextDue, status.CompletedAt + (done ? Retention * 2 : Retention));
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

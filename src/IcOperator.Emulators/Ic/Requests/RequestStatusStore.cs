namespace IcOperator.Emulators.Ic.Requests;

/// <summary>
/// The completed update calls, answerable through read_state for <see cref="Retention"/> (then as <c>done</c> for as
/// long again, then forgotten), like the IC's ingress history.
/// </summary>
internal sealed class RequestStatusStore(TimeProvider clock, TimeSpan retention)
{
    private readonly Dictionary<byte[], RequestStatus> statuses = new(ByteArrayKeyComparer.Instance);
    private readonly Lock gate = new();

    public TimeSpan Retention { get; } = retention;

    public void Add(RequestStatus status)
    {
        lock (gate)
        {
            statuses[status.RequestId] = status;
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
        foreach (var (id, status) in statuses.ToList())
        {
            var age = now - status.CompletedAt;
            if (age > Retention * 2)
            {
                statuses.Remove(id);
            }
            else if (age > Retention && !status.Done)
            {
                statuses[id] = status with { Done = true };
            }
        }
    }
}

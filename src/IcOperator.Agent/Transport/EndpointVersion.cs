namespace IcOperator.Agent.Transport;

/// <summary>The newest API version a replica serves for one endpoint kind; lowered once when it answers 404.</summary>
internal sealed class EndpointVersion(int newest)
{
    private int current = newest;

    public int Current => Volatile.Read(ref current);

    public void Lower(int from) => Interlocked.CompareExchange(ref current, from - 1, from);
}

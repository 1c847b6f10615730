namespace IcOperator.Kube.Metrics;

/// <summary>A double updated lock-free, so hot paths (every reconcile, every request) never contend on a lock.</summary>
internal sealed class AtomicDouble
{
    private long bits;

    public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref bits));

    public void Set(double value) => Interlocked.Exchange(ref bits, BitConverter.DoubleToInt64Bits(value));

    public void Add(double delta)
    {
        while (true)
        {
            var seen = Interlocked.Read(ref bits);
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(seen) + delta);
            if (Interlocked.CompareExchange(ref bits, next, seen) == seen)
            {
                return;
            }
        }
    }
}

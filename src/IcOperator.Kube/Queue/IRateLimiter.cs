namespace IcOperator.Kube.Queue;

/// <summary>Decides how long an item waits before it is retried.</summary>
public interface IRateLimiter<in TKey>
{
    /// <summary>The delay for this retry of <paramref name="item"/>; each call counts as one more failure.</summary>
    TimeSpan When(TKey item);

    /// <summary>The item succeeded: its failure history starts over.</summary>
    void Forget(TKey item);

    /// <summary>How many times the item has been retried since it was last forgotten.</summary>
    int NumRequeues(TKey item);
}

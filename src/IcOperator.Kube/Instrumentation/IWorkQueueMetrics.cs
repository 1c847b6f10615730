namespace IcOperator.Kube.Instrumentation;

/// <summary>What one work queue reports.</summary>
public interface IWorkQueueMetrics
{
    /// <summary>A key was accepted onto the queue (not counted when it was already waiting).</summary>
    void Added();

    /// <summary>The number of keys waiting to be handed out changed.</summary>
    void DepthChanged(int depth);

    /// <summary>A key waited this long between being added and being handed to a worker.</summary>
    void Waited(TimeSpan duration);

    /// <summary>A worker held a key this long before marking it done.</summary>
    void Worked(TimeSpan duration);

    /// <summary>A key was put back with backoff after a failure.</summary>
    void Retried();
}

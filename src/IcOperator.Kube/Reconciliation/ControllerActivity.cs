namespace IcOperator.Kube.Reconciliation;

/// <summary>What a host's controllers are doing at one moment, summed over all of them.</summary>
/// <param name="ReconcilesCompleted">Reconciles finished since the host started (any outcome); only grows.</param>
/// <param name="Queued">Keys waiting for a worker (delayed requeues, such as resyncs, not counted).</param>
/// <param name="InFlight">Reconciles running now.</param>
public readonly record struct ControllerActivity(long ReconcilesCompleted, int Queued, int InFlight)
{
    /// <summary>Nothing waiting and nothing running.</summary>
    public bool IsIdle => Queued == 0 && InFlight == 0;
}

using IcOperator.Kube.Reconciliation;

namespace IcOperator.Kube.Instrumentation;

/// <summary>What one controller reports.</summary>
public interface IControllerMetrics
{
    /// <summary>The controller runs this many workers at most.</summary>
    void WorkersConfigured(int maxConcurrentReconciles);

    /// <summary>A worker started reconciling a key.</summary>
    void WorkerBusy();

    /// <summary>A worker finished with a key.</summary>
    void WorkerIdle();

    /// <summary>A reconcile ended with <paramref name="outcome"/> after <paramref name="duration"/>.</summary>
    void Reconciled(ReconcileOutcome outcome, TimeSpan duration);
}

using IcOperator.Kube.Queue;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Reconciliation;

/// <summary>How one controller runs.</summary>
public sealed record ControllerOptions
{
    /// <summary>The controller's name in logs and in the <c>controller</c> label of its metrics.</summary>
    public required string Name { get; init; }

    /// <summary>Workers: how many different objects are reconciled at once (one object is never reconciled twice at once).</summary>
    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>
    /// When set, at most this many of the workers reconcile at once; the limit may change while the controller runs.
    /// <see cref="MaxConcurrentReconciles"/> is then the most it can ever be.
    /// </summary>
    public ConcurrencyLimit? Concurrency { get; init; }

    /// <summary>
    /// Whether an update that changes only status (not generation, labels, annotations, finalizers, owners or
    /// deletion) triggers a reconcile. Off by default so a controller's own status writes do not loop.
    /// </summary>
    public bool ReconcileOnStatusChange { get; init; }

    /// <summary>Backoff of failed reconciles; controller-runtime's default when null.</summary>
    public IRateLimiter<ObjectKey>? RateLimiter { get; init; }
}

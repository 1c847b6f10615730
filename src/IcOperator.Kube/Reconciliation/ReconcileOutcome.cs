namespace IcOperator.Kube.Reconciliation;

/// <summary>What the controller does with an object after a reconcile.</summary>
public enum ReconcileOutcome
{
    /// <summary>Converged: reconcile again only when something changes.</summary>
    Done,

    /// <summary>Converged for now: reconcile again after a delay (polling an external system).</summary>
    RequeueAfter,

    /// <summary>Failed transiently: retry with per-object exponential backoff.</summary>
    Error,

    /// <summary>Failed in a way retrying cannot fix: wait until the object changes.</summary>
    Terminal,
}

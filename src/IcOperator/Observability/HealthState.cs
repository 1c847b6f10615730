namespace IcOperator.Observability;

/// <summary>
/// What /readyz reports: ready once the controllers' caches are synced. /healthz only says the process
/// answers, so a slow IC never gets the pod restarted.
/// </summary>
internal sealed class HealthState
{
    private volatile string? notReadyReason = "starting";

    public bool Ready => notReadyReason is null;

    public string? NotReadyReason => notReadyReason;

    public void MarkReady() => notReadyReason = null;

    public void MarkNotReady(string reason) => notReadyReason = reason;
}

namespace IcOperator.Kube.Reconciliation;

/// <summary>The result of one reconcile.</summary>
public readonly record struct ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, string? message)
    {
        Outcome = outcome;
        Delay = delay;
        Message = message;
    }

    public ReconcileOutcome Outcome { get; }

    /// <summary>For <see cref="ReconcileOutcome.RequeueAfter"/>: how long to wait.</summary>
    public TimeSpan Delay { get; }

    /// <summary>For errors: what went wrong, for logs.</summary>
    public string? Message { get; }

    public static ReconcileResult Done() => new(ReconcileOutcome.Done, TimeSpan.Zero, null);

    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "a requeue delay must be positive; return Error to retry with backoff");
        }

        return new(ReconcileOutcome.RequeueAfter, delay, null);
    }

    public static ReconcileResult Error(string message) => new(ReconcileOutcome.Error, TimeSpan.Zero, message);

    public static ReconcileResult Terminal(string message) => new(ReconcileOutcome.Terminal, TimeSpan.Zero, message);

    public override string ToString() => Outcome switch
    {
        ReconcileOutcome.RequeueAfter => $"RequeueAfter({Delay})",
        ReconcileOutcome.Error or ReconcileOutcome.Terminal => $"{Outcome}({Message})",
        _ => Outcome.ToString(),
    };
}

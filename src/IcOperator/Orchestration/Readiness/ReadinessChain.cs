namespace IcOperator.Orchestration.Readiness;

/// <summary>
/// Readiness as an ordered chain of named checks: the first failing one becomes the Ready condition's
/// reason and message. Reading the chain tells every reason a resource can be not Ready.
/// </summary>
public sealed class ReadinessChain<TSubject>(string readyReason, string readyMessage, IReadOnlyList<ReadinessCheck<TSubject>> checks)
{
    public IReadOnlyList<ReadinessCheck<TSubject>> Checks { get; } = checks;

    public ReadinessVerdict Evaluate(TSubject subject)
    {
        foreach (var check in Checks)
        {
            var result = check.Evaluate(subject);
            if (result.Failed)
            {
                return new ReadinessVerdict(false, result.Reason, result.Message, check.Name);
            }
        }

        return new ReadinessVerdict(true, readyReason, readyMessage, null);
    }
}

using IcOperator.Agent.Icrc3;

namespace IcOperator.Audit;

/// <summary>The outcome of verifying an audit log: the certified tip, every break found, and the history read.</summary>
internal sealed record AuditVerification(Icrc3Tip? Tip, IReadOnlyList<string> Problems, IReadOnlyList<AuditHistoryRow> History)
{
    public bool Valid => Problems.Count == 0;
}

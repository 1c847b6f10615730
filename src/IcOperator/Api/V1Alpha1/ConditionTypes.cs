namespace IcOperator.Api.V1Alpha1;

/// <summary>The condition types every kind reports, following kstatus.</summary>
public static class ConditionTypes
{
    /// <summary>The summary: the resource is in the state its spec asks for.</summary>
    public const string Ready = "Ready";

    /// <summary>Work is under way to reach the state the spec asks for.</summary>
    public const string Reconciling = "Reconciling";

    /// <summary>The operator will not retry until the spec changes (a terminal error).</summary>
    public const string Stalled = "Stalled";
}

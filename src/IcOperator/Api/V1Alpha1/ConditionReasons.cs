namespace IcOperator.Api.V1Alpha1;

/// <summary>Reasons of the Reconciling and Stalled conditions when they are False, shared by every kind.</summary>
public static class ConditionReasons
{
    /// <summary>Nothing is under way and nothing is stuck: the resource is Ready.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>Not Ready, and not retrying on its own until the spec changes (Reconciling is False).</summary>
    public const string Stalled = "Stalled";

    /// <summary>Not Ready, waiting for something else (Stalled is False).</summary>
    public const string Waiting = "Waiting";
}

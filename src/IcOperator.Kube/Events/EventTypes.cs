namespace IcOperator.Kube.Events;

/// <summary>The two event types Kubernetes accepts.</summary>
public static class EventTypes
{
    public const string Normal = "Normal";

    public const string Warning = "Warning";
}

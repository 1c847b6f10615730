namespace IcOperator.Agent.Management;

/// <summary><c>variant { running; stopping; stopped }</c>.</summary>
public enum CanisterStatusKind
{
    Running,
    Stopping,
    Stopped,
}

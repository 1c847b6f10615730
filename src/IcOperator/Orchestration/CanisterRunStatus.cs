namespace IcOperator.Orchestration;

/// <summary>The canister's status as canister_status reports it.</summary>
public enum CanisterRunStatus
{
    Running,
    Stopping,
    Stopped,
}

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>A canister's run status, as <c>canister_status</c> reports it.</summary>
public enum CanisterStatus
{
    Running,
    Stopping,
    Stopped,
}

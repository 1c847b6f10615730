namespace IcOperator.Candid.Tests.Typed;

// Management canister types as the agent writes them, for the typed-layer tests.
public enum CanisterStatusKind
{
    Running,
    Stopping,
    Stopped,
}

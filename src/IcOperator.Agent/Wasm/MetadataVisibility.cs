namespace IcOperator.Agent.Wasm;

/// <summary>Who may read a metadata section through read_state: anyone, or only the canister's controllers.</summary>
public enum MetadataVisibility
{
    Public,
    Private,
}

namespace IcOperator.Emulators.Ic.Execution;

/// <summary>How a canister method is invoked: as an update (replicated, may change state) or a query.</summary>
internal enum CallKind
{
    Update,
    Query,
}

namespace IcOperator.Agent.CyclesLedger;

/// <summary>The cycles ledger answered with an error; <see cref="Error"/> is the typed case.</summary>
public sealed class CyclesLedgerException(string method, object error)
    : Exception($"cycles ledger {method} failed: {error}")
{
    public string Method { get; } = method;

    public object Error { get; } = error;
}

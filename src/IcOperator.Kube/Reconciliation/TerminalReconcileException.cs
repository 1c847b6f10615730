namespace IcOperator.Kube.Reconciliation;

/// <summary>Thrown by a reconciler when retrying cannot help (bad spec): no retry until the object changes.</summary>
public sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    public TerminalReconcileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

namespace IcOperator.Kube.Resources;

/// <summary>Whether a namespace is Active or Terminating.</summary>
public sealed class NamespaceStatus
{
    public string? Phase { get; set; }
}

namespace IcOperator.Kube.Client;

/// <summary>Delete only if the object still has this uid / resourceVersion (else 409 Conflict).</summary>
public sealed class DeletePreconditions
{
    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }
}

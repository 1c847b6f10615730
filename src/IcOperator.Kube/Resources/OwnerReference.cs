namespace IcOperator.Kube.Resources;

/// <summary>A link from a dependent to its owner, used by garbage collection and by owner-mapped watches.</summary>
public sealed class OwnerReference
{
    public required string ApiVersion { get; set; }

    public required string Kind { get; set; }

    public required string Name { get; set; }

    public required string Uid { get; set; }

    public bool? Controller { get; set; }

    public bool? BlockOwnerDeletion { get; set; }
}

namespace IcOperator.Api;

/// <summary>An owner of an object; the garbage collector deletes the object with its controller owner.</summary>
public sealed record OwnerReference
{
    public required string ApiVersion { get; init; }

    public required string Kind { get; init; }

    public required string Name { get; init; }

    public required string Uid { get; init; }

    public bool? Controller { get; init; }

    public bool? BlockOwnerDeletion { get; init; }
}

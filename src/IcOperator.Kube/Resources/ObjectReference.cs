namespace IcOperator.Kube.Resources;

/// <summary>A reference to an object (core/v1 ObjectReference), e.g. what an Event is about.</summary>
public sealed class ObjectReference
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    public string? FieldPath { get; set; }
}

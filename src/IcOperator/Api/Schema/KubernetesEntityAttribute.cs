namespace IcOperator.Api.Schema;

/// <summary>Marks a class as a custom resource kind; the CRD generator emits one CRD per marked class.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class KubernetesEntityAttribute(string group, string version, string kind, string plural) : Attribute
{
    public string Group { get; } = group;

    public string Version { get; } = version;

    public string Kind { get; } = kind;

    public string Plural { get; } = plural;

    public string Singular => Kind.ToLowerInvariant();

    public string ApiVersion => Group + "/" + Version;
}

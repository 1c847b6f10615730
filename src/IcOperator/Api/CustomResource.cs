using IcOperator.Api.Schema;

namespace IcOperator.Api;

/// <summary>A custom resource: type metadata, object metadata, the desired state and the observed state.</summary>
public abstract class CustomResource<TSpec, TStatus>
    where TSpec : new()
    where TStatus : new()
{
    protected CustomResource()
    {
        var entity = (KubernetesEntityAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(KubernetesEntityAttribute));
        ApiVersion = entity?.ApiVersion ?? string.Empty;
        Kind = entity?.Kind ?? string.Empty;
    }

    public string ApiVersion { get; set; }

    public string Kind { get; set; }

    public ObjectMeta Metadata { get; set; } = new();

    public TSpec Spec { get; set; } = new();

    public TStatus? Status { get; set; }
}

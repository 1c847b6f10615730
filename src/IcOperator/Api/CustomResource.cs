using IcOperator.Api.Schema;
using k8s;
using k8s.Models;
using KubernetesEntityAttribute = IcOperator.Api.Schema.KubernetesEntityAttribute;

namespace IcOperator.Api;

/// <summary>A custom resource: type metadata, object metadata, the desired state and the observed state.</summary>
public abstract class CustomResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>
    where TSpec : new()
    where TStatus : new()
{
    protected CustomResource()
    {
        var entity = (KubernetesEntityAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(KubernetesEntityAttribute));
        ApiVersion = entity?.ApiVersion;
        Kind = entity?.Kind;
    }

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta Metadata { get; set; } = new();

    public TSpec Spec { get; set; } = new();

    public TStatus? Status { get; set; }
}

namespace IcOperator.Kube.Resources;

/// <summary>Any Kubernetes object: an apiVersion, a kind and object metadata.</summary>
public interface IKubernetesObject
{
    string? ApiVersion { get; set; }

    string? Kind { get; set; }

    ObjectMeta Metadata { get; set; }
}

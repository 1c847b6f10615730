namespace IcOperator.Kube.Serialization;

/// <summary>meta/v1 Time: RFC 3339 in UTC with whole seconds, as the API server writes it.</summary>
public sealed class KubeTimeConverter() : KubeTimestampConverter("yyyy-MM-dd'T'HH:mm:ss'Z'");

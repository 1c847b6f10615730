namespace IcOperator.Kube.Serialization;

/// <summary>meta/v1 MicroTime: RFC 3339 in UTC with exactly six fractional digits (Events, Leases).</summary>
public sealed class KubeMicroTimeConverter() : KubeTimestampConverter("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");

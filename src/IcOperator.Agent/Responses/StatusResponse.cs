using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.Responses;

/// <summary>The body of <c>/api/v2/status</c>: the replica's health and, on local networks, its root key.</summary>
public sealed record StatusResponse
{
    public byte[]? RootKey { get; init; }

    public string? ImplVersion { get; init; }

    /// <summary><c>healthy</c> when the replica serves requests; other values while it starts or catches up.</summary>
    public string? ReplicaHealthStatus { get; init; }

    public ulong? CertifiedHeight { get; init; }

    public bool IsHealthy => string.Equals(ReplicaHealthStatus, "healthy", StringComparison.Ordinal);

    public byte[] Encode()
    {
        var entries = new List<(string, CborValue)>();
        if (ImplVersion is not null)
        {
            entries.Add(("impl_version", ImplVersion));
        }

        if (ReplicaHealthStatus is not null)
        {
            entries.Add(("replica_health_status", ReplicaHealthStatus));
        }

        if (RootKey is not null)
        {
            entries.Add(("root_key", new CborBytes(RootKey)));
        }

        if (CertifiedHeight is { } height)
        {
            entries.Add(("certified_height", height));
        }

        return CborEncoding.Encode(CborMap.FromText([.. entries]), selfDescribe: true);
    }

    public static StatusResponse Decode(ReadOnlySpan<byte> body, CborLimits? limits = null)
    {
        var map = CborEncoding.DecodeUntagged(body, limits).AsMap("status");
        return new StatusResponse
        {
            RootKey = map.GetOptional("root_key")?.AsBytes("root_key"),
            ImplVersion = map.GetOptional("impl_version") is CborText v ? v.Value : null,
            ReplicaHealthStatus = map.GetOptional("replica_health_status") is CborText h ? h.Value : null,
            CertifiedHeight = map.GetOptional("certified_height") is CborUnsigned c ? c.Value : null,
        };
    }
}

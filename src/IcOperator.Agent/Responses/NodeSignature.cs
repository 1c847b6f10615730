using IcOperator.Agent.Cbor;
using IcOperator.Candid;

namespace IcOperator.Agent.Responses;

/// <summary>A replica node's Ed25519 signature over a query response (spec <c>node-signature</c>).</summary>
public sealed record NodeSignature(ulong Timestamp, byte[] Signature, Principal Identity)
{
    public CborMap ToCbor() => CborMap.FromText(("timestamp", Timestamp), ("signature", new CborBytes(Signature)), ("identity", new CborBytes(Identity.Bytes)));

    public static NodeSignature FromCbor(CborValue value, string field)
    {
        var map = value.AsMap(field);
        return new NodeSignature(
            map.Require("timestamp").AsUnsigned(field + ".timestamp"),
            map.Require("signature").AsBytes(field + ".signature"),
            Principal.FromBytes(map.Require("identity").AsBytes(field + ".identity")));
    }
}

using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.Responses;

/// <summary>The body of a <c>/read_state</c> response: <c>{certificate: bytes}</c>.</summary>
public sealed record ReadStateResponse(byte[] Certificate)
{
    public byte[] Encode() => CborEncoding.Encode(CborMap.FromText(("certificate", new CborBytes(Certificate))), selfDescribe: true);

    public static ReadStateResponse Decode(ReadOnlySpan<byte> body, CborLimits? limits = null) =>
        new(CborEncoding.DecodeUntagged(body, limits).AsMap("read_state response").Require("certificate").AsBytes("certificate"));
}

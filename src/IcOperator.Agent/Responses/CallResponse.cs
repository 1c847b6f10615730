using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.Responses;

/// <summary>
/// The body of a synchronous call answer (<c>/api/v3|v4/.../call</c> with status 200): a certificate holding the
/// request's status, or a rejection before execution (<c>non_replicated_rejection</c>).
/// </summary>
public sealed record CallResponse
{
    public byte[]? Certificate { get; init; }

    public RejectCode? RejectCode { get; init; }

    public string? RejectMessage { get; init; }

    public string? ErrorCode { get; init; }

    public bool IsReplied => Certificate is not null;

    public static CallResponse Replied(byte[] certificate) => new() { Certificate = certificate };

    public static CallResponse NonReplicatedRejection(RejectCode code, string message, string? errorCode) =>
        new() { RejectCode = code, RejectMessage = message, ErrorCode = errorCode };

    public CborMap ToCbor()
    {
        if (Certificate is not null)
        {
            return CborMap.FromText(("status", "replied"), ("certificate", new CborBytes(Certificate)));
        }

        var entries = new List<(string, CborValue)>
        {
            ("status", "non_replicated_rejection"),
            ("reject_code", (ulong)(RejectCode ?? Responses.RejectCode.SysFatal)),
            ("reject_message", RejectMessage ?? string.Empty),
        };
        if (ErrorCode is not null)
        {
            entries.Add(("error_code", ErrorCode));
        }

        return CborMap.FromText([.. entries]);
    }

    public byte[] Encode() => CborEncoding.Encode(ToCbor(), selfDescribe: true);

    public static CallResponse Decode(ReadOnlySpan<byte> body, CborLimits? limits = null)
    {
        var map = CborEncoding.DecodeUntagged(body, limits).AsMap("call response");
        var status = map.Require("status").AsText("status");
        return status switch
        {
            "replied" => Replied(map.Require("certificate").AsBytes("certificate")),
            "non_replicated_rejection" => NonReplicatedRejection(
                (RejectCode)map.Require("reject_code").AsUnsigned("reject_code"),
                map.Require("reject_message").AsText("reject_message"),
                map.GetOptional("error_code")?.AsText("error_code")),
            _ => throw new CborException($"CBOR field 'status': expected replied or non_replicated_rejection, found '{status}'"),
        };
    }
}

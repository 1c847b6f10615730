using IcOperator.Agent.Cbor;
using IcOperator.Agent.RequestIds;

namespace IcOperator.Agent.Responses;

/// <summary>
/// The body of a <c>/query</c> response (spec <c>query-response</c>): a reply or a reject, with node signatures
/// over <c>"\x0Bic-response" ++ hash_of_map(response fields, timestamp, request_id)</c>.
/// </summary>
public sealed record QueryResponse
{
    /// <summary>The Candid reply when replied; null when rejected.</summary>
    public byte[]? ReplyArg { get; init; }

    public RejectCode? RejectCode { get; init; }

    public string? RejectMessage { get; init; }

    public string? ErrorCode { get; init; }

    public IReadOnlyList<NodeSignature> Signatures { get; init; } = [];

    public bool IsReplied => ReplyArg is not null;

    public static QueryResponse Replied(byte[] arg) => new() { ReplyArg = arg };

    public static QueryResponse Rejected(RejectCode code, string message, string? errorCode) =>
        new() { RejectCode = code, RejectMessage = message, ErrorCode = errorCode };

    /// <summary>The response fields without signatures; the hash the nodes sign adds timestamp and request_id.</summary>
    public CborMap ToCbor() => Map(includeSignatures: true);

    public byte[] Encode() => CborEncoding.Encode(ToCbor(), selfDescribe: true);

    /// <summary>What a node signs for this response at <paramref name="timestamp"/>: the message after the domain separator.</summary>
    public byte[] SignableHash(RequestId requestId, ulong timestamp)
    {
        var fields = Map(includeSignatures: false).Entries.ToList();
        fields.Add(new(new CborText("timestamp"), new CborUnsigned(timestamp)));
        fields.Add(new(new CborText("request_id"), new CborBytes(requestId.Bytes)));
        return RepresentationIndependentHash.Of(new CborMap(fields));
    }

    public static QueryResponse Decode(ReadOnlySpan<byte> body, CborLimits? limits = null) => FromCbor(CborEncoding.Decode(body, limits));

    public static QueryResponse FromCbor(CborValue value)
    {
        var map = value.Untagged().AsMap("query response");
        var signatures = map.GetOptional("signatures")?.AsArray("signatures").Items.Select((s, i) => NodeSignature.FromCbor(s, $"signatures[{i}]")).ToList() ?? [];
        var status = map.Require("status").AsText("status");
        return status switch
        {
            "replied" => new QueryResponse { ReplyArg = map.Require("reply").AsMap("reply").Require("arg").AsBytes("reply.arg"), Signatures = signatures },
            "rejected" => new QueryResponse
            {
                RejectCode = (RejectCode)map.Require("reject_code").AsUnsigned("reject_code"),
                RejectMessage = map.Require("reject_message").AsText("reject_message"),
                ErrorCode = map.GetOptional("error_code")?.AsText("error_code"),
                Signatures = signatures,
            },
            _ => throw new CborException($"CBOR field 'status': expected replied or rejected, found '{status}'"),
        };
    }

    private CborMap Map(bool includeSignatures)
    {
        var entries = new List<(string, CborValue)>();
        if (ReplyArg is not null)
        {
            entries.Add(("status", "replied"));
            entries.Add(("reply", CborMap.FromText(("arg", new CborBytes(ReplyArg)))));
        }
        else
        {
            entries.Add(("status", "rejected"));
            entries.Add(("reject_code", (ulong)(RejectCode ?? Responses.RejectCode.SysFatal)));
            entries.Add(("reject_message", RejectMessage ?? string.Empty));
            if (ErrorCode is not null)
            {
                entries.Add(("error_code", ErrorCode));
            }
        }

        if (includeSignatures)
        {
            entries.Add(("signatures", new CborArray(Signatures.Select(s => (CborValue)s.ToCbor()).ToArray())));
        }

        return CborMap.FromText([.. entries]);
    }
}

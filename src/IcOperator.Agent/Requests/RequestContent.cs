using IcOperator.Agent.Cbor;
using IcOperator.Agent.RequestIds;
using IcOperator.Candid;

namespace IcOperator.Agent.Requests;

/// <summary>
/// The content of a request (spec <c>call-request-content</c>, <c>query-content</c>, <c>read-state-content</c>):
/// what is hashed into the request id and signed.
/// </summary>
public abstract record RequestContent
{
    private protected RequestContent()
    {
    }

    public required Principal Sender { get; init; }

    /// <summary>Nanoseconds since 1970-01-01 after which the IC refuses the request (at most 5 minutes ahead).</summary>
    public required ulong IngressExpiry { get; init; }

    /// <summary>Optional bytes that make otherwise identical requests distinct.</summary>
    public byte[]? Nonce { get; init; }

    public abstract string RequestType { get; }

    /// <summary>The content map as sent on the wire.</summary>
    public CborMap ToCbor()
    {
        var entries = new List<(string, CborValue)> { ("request_type", RequestType) };
        if (Nonce is not null)
        {
            entries.Add(("nonce", new CborBytes(Nonce)));
        }

        entries.Add(("ingress_expiry", IngressExpiry));
        entries.Add(("sender", new CborBytes(Sender.Bytes)));
        AddFields(entries);
        return CborMap.FromText([.. entries]);
    }

    public RequestId RequestId => RepresentationIndependentHash.RequestIdOf(ToCbor());

    /// <summary>Reads a content map, picking the kind from its request_type; names the field that is wrong.</summary>
    public static RequestContent FromCbor(CborValue value)
    {
        var map = value.Untagged().AsMap("content");
        var type = map.Require("request_type").AsText("request_type");
        var sender = Principal.FromBytes(map.Require("sender").AsBytes("sender"));
        var expiry = map.Require("ingress_expiry").AsUnsigned("ingress_expiry");
        var nonce = map.GetOptional("nonce")?.AsBytes("nonce");
        return type switch
        {
            "call" => new CallContent
            {
                Sender = sender,
                IngressExpiry = expiry,
                Nonce = nonce,
                CanisterId = Principal.FromBytes(map.Require("canister_id").AsBytes("canister_id")),
                MethodName = map.Require("method_name").AsText("method_name"),
                Arg = map.Require("arg").AsBytes("arg"),
            },
            "query" => new QueryContent
            {
                Sender = sender,
                IngressExpiry = expiry,
                Nonce = nonce,
                CanisterId = Principal.FromBytes(map.Require("canister_id").AsBytes("canister_id")),
                MethodName = map.Require("method_name").AsText("method_name"),
                Arg = map.Require("arg").AsBytes("arg"),
            },
            "read_state" => new ReadStateContent
            {
                Sender = sender,
                IngressExpiry = expiry,
                Nonce = nonce,
                Paths = map.Require("paths").AsArray("paths").Items
                    .Select((p, i) => (IReadOnlyList<byte[]>)p.AsArray($"paths[{i}]").Items.Select((l, j) => l.AsBytes($"paths[{i}][{j}]")).ToList())
                    .ToList(),
            },
            _ => throw new CborException($"CBOR field 'request_type': expected call, query or read_state, found '{type}'"),
        };
    }

    private protected abstract void AddFields(List<(string, CborValue)> entries);
}

using System.Buffers;
using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.Requests;

/// <summary>
/// What is POSTed to the IC: the content plus, for non-anonymous senders, the DER public key and the signature
/// over <c>"\x0Aic-request" ++ request id</c> (and optional delegations).
/// </summary>
public sealed record SignedEnvelope
{
    /// <summary>The IC accepts at most four delegations in a chain.</summary>
    public const int MaxDelegations = 4;

    public required RequestContent Content { get; init; }

    public byte[]? SenderPublicKey { get; init; }

    public byte[]? SenderSignature { get; init; }

    public IReadOnlyList<SignedDelegation>? SenderDelegation { get; init; }

    public CborMap ToCbor()
    {
        var entries = new List<(string, CborValue)> { ("content", Content.ToCbor()) };
        if (SenderPublicKey is not null)
        {
            entries.Add(("sender_pubkey", new CborBytes(SenderPublicKey)));
        }

        if (SenderDelegation is not null)
        {
            entries.Add(("sender_delegation", new CborArray(SenderDelegation.Select(d => (CborValue)d.ToCbor()).ToArray())));
        }

        if (SenderSignature is not null)
        {
            entries.Add(("sender_sig", new CborBytes(SenderSignature)));
        }

        return CborMap.FromText([.. entries]);
    }

    /// <summary>The HTTP body: the envelope map under the self-describe tag.</summary>
    public byte[] Encode() => CborEncoding.Encode(ToCbor(), selfDescribe: true);

    /// <summary>The same bytes as <see cref="Encode"/>, with a large argument sent from its own memory rather than copied in.</summary>
    public ReadOnlySequence<byte> EncodeSegments() => CborEncoding.EncodeSegments(ToCbor(), selfDescribe: true);

    public static SignedEnvelope Decode(ReadOnlySpan<byte> body, CborLimits? limits = null) => FromCbor(CborEncoding.Decode(body, limits));

    public static SignedEnvelope FromCbor(CborValue value)
    {
        var map = value.Untagged().AsMap("envelope");
        var delegations = map.GetOptional("sender_delegation")?.AsArray("sender_delegation").Items
            .Select((d, i) => SignedDelegation.FromCbor(d, $"sender_delegation[{i}]")).ToList();
        if (delegations is { Count: > MaxDelegations })
        {
            throw new CborException($"CBOR field 'sender_delegation': expected at most {MaxDelegations} delegations, found {delegations.Count}");
        }

        return new SignedEnvelope
        {
            Content = RequestContent.FromCbor(map.Require("content")),
            SenderPublicKey = map.GetOptional("sender_pubkey")?.AsBytes("sender_pubkey"),
            SenderSignature = map.GetOptional("sender_sig")?.AsBytes("sender_sig"),
            SenderDelegation = delegations,
        };
    }
}

using IcOperator.Agent.Cbor;
using IcOperator.Candid;

namespace IcOperator.Agent.Requests;

/// <summary>A user delegation (spec <c>signed-delegation</c>): the signer allows <see cref="PublicKey"/> to sign until the expiration.</summary>
public sealed record SignedDelegation
{
    public required byte[] PublicKey { get; init; }

    public required ulong Expiration { get; init; }

    public IReadOnlyList<Principal>? Targets { get; init; }

    public required byte[] Signature { get; init; }

    /// <summary>The delegation map without the signature; its representation-independent hash is what is signed.</summary>
    public CborMap DelegationMap()
    {
        var entries = new List<(string, CborValue)> { ("pubkey", new CborBytes(PublicKey)), ("expiration", Expiration) };
        if (Targets is not null)
        {
            entries.Add(("targets", new CborArray(Targets.Select(t => (CborValue)new CborBytes(t.Bytes)).ToArray())));
        }

        return CborMap.FromText([.. entries]);
    }

    public CborMap ToCbor() => CborMap.FromText(("delegation", DelegationMap()), ("signature", new CborBytes(Signature)));

    public static SignedDelegation FromCbor(CborValue value, string field)
    {
        var map = value.AsMap(field);
        var delegation = map.Require("delegation").AsMap(field + ".delegation");
        return new SignedDelegation
        {
            PublicKey = delegation.Require("pubkey").AsBytes(field + ".delegation.pubkey"),
            Expiration = delegation.Require("expiration").AsUnsigned(field + ".delegation.expiration"),
            Targets = delegation.GetOptional("targets")?.AsArray(field + ".delegation.targets").Items
                .Select((t, i) => Principal.FromBytes(t.AsBytes($"{field}.delegation.targets[{i}]"))).ToList(),
            Signature = map.Require("signature").AsBytes(field + ".signature"),
        };
    }
}

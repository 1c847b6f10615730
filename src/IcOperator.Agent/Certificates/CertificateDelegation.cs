using IcOperator.Agent.Cbor;
using IcOperator.Candid;

namespace IcOperator.Agent.Certificates;

/// <summary>The root subnet's statement that <see cref="SubnetId"/> holds a BLS key and a range of canisters.</summary>
public sealed record CertificateDelegation
{
    public required Principal SubnetId { get; init; }

    /// <summary>The nested certificate's CBOR bytes, as received (its own signature covers its tree).</summary>
    public required byte[] CertificateBytes { get; init; }

    public Certificate ParseCertificate() => Certificate.Decode(CertificateBytes);

    public CborMap ToCbor() => CborMap.FromText(("subnet_id", new CborBytes(SubnetId.Bytes)), ("certificate", new CborBytes(CertificateBytes)));

    public static CertificateDelegation FromCbor(CborValue value)
    {
        var map = value.AsMap("delegation");
        return new CertificateDelegation
        {
            SubnetId = Principal.FromBytes(map.Require("subnet_id").AsBytes("delegation.subnet_id")),
            CertificateBytes = map.Require("certificate").AsBytes("delegation.certificate"),
        };
    }
}

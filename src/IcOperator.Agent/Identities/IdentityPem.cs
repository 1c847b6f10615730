using System.Formats.Asn1;
using System.Security.Cryptography;

namespace IcOperator.Agent.Identities;

/// <summary>
/// Reads identities from PEM as dfx and icp-cli export them: Ed25519 PKCS#8 (<c>PRIVATE KEY</c>), secp256k1 or
/// P-256 SEC1 (<c>EC PRIVATE KEY</c>, optionally after an <c>EC PARAMETERS</c> block) or ECDSA PKCS#8.
/// Errors never echo key material.
/// </summary>
public static class IdentityPem
{
    public static IIdentity Parse(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var remaining = pem.AsSpan();
        var labels = new List<string>();
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            var label = remaining[fields.Label].ToString();
            labels.Add(label);
            var der = Convert.FromBase64String(remaining[fields.Base64Data].ToString());
            try
            {
                switch (label)
                {
                    case "PRIVATE KEY":
                        return FromPkcs8(der);
                    case "EC PRIVATE KEY":
                        var ec = ECDsa.Create();
                        try
                        {
                            ec.ImportECPrivateKey(der, out _);
                        }
                        catch (CryptographicException e)
                        {
                            ec.Dispose();
                            throw new FormatException("identity PEM: the EC PRIVATE KEY block is not a valid SEC1 key on a supported curve", e);
                        }

                        return EcdsaIdentity.FromKey(ec);
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(der);
            }

            remaining = remaining[fields.Location.End..];
        }

        throw new FormatException(labels.Count == 0
            ? "identity PEM: no PEM block found; expected a PKCS#8 'PRIVATE KEY' block (Ed25519, as dfx and icp-cli export) or a SEC1 'EC PRIVATE KEY' block (secp256k1)"
            : $"identity PEM: expected a PRIVATE KEY or EC PRIVATE KEY block, found {string.Join(", ", labels)}");
    }

    private static IIdentity FromPkcs8(byte[] der)
    {
        string oid;
        try
        {
            var info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            info.ReadInteger();
            oid = info.ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException e)
        {
            throw new FormatException("identity PEM: the PRIVATE KEY block is not valid PKCS#8", e);
        }

        switch (oid)
        {
            case DerPublicKey.Ed25519Oid:
                return Ed25519Identity.FromPkcs8(der);
            case DerPublicKey.EcPublicKeyOid:
                var ec = ECDsa.Create();
                try
                {
                    ec.ImportPkcs8PrivateKey(der, out _);
                    return EcdsaIdentity.FromKey(ec);
                }
                catch (Exception e) when (e is CryptographicException or ArgumentException)
                {
                    ec.Dispose();
                    throw new FormatException("identity PEM: the PKCS#8 ECDSA key is not on secp256k1 or P-256", e);
                }

            default:
                throw new FormatException($"identity PEM: expected an Ed25519 ({DerPublicKey.Ed25519Oid}) or ECDSA ({DerPublicKey.EcPublicKeyOid}) PKCS#8 key, found algorithm {oid}");
        }
    }
}

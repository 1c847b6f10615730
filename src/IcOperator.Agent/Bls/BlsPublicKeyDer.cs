namespace IcOperator.Agent.Bls;

/// <summary>
/// The DER wrapping the IC uses for BLS12-381 public keys (the root key in <c>/api/v2/status</c>,
/// delegation subnet keys): a fixed 37-byte SubjectPublicKeyInfo prefix, then the 96-byte compressed G2 point.
/// </summary>
public static class BlsPublicKeyDer
{
    public const int KeyLength = 96;

    /// <summary>SEQUENCE { SEQUENCE { OID 1.3.6.1.4.1.44668.5.3.1.2.1, OID 1.3.6.1.4.1.44668.5.3.2.1 }, BIT STRING (96 bytes) }.</summary>
    public static ReadOnlySpan<byte> Prefix =>
    [
        0x30, 0x81, 0x82, 0x30, 0x1d, 0x06, 0x0d, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xdc, 0x7c, 0x05, 0x03, 0x01,
        0x02, 0x01, 0x06, 0x0c, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xdc, 0x7c, 0x05, 0x03, 0x02, 0x01, 0x03, 0x61,
        0x00,
    ];

    public static int DerLength => Prefix.Length + KeyLength;

    public static byte[] Wrap(ReadOnlySpan<byte> publicKey96)
    {
        if (publicKey96.Length != KeyLength)
        {
            throw new ArgumentException($"A BLS12-381 public key is {KeyLength} bytes, found {publicKey96.Length}.", nameof(publicKey96));
        }

        return [.. Prefix, .. publicKey96];
    }

    /// <summary>The 96-byte key inside a DER public key; false when the prefix or the length is not the BLS one.</summary>
    public static bool TryUnwrap(ReadOnlySpan<byte> der, out byte[] publicKey96)
    {
        if (der.Length != DerLength || !der[..Prefix.Length].SequenceEqual(Prefix))
        {
            publicKey96 = [];
            return false;
        }

        publicKey96 = der[Prefix.Length..].ToArray();
        return true;
    }

    public static byte[] Unwrap(ReadOnlySpan<byte> der) =>
        TryUnwrap(der, out var key)
            ? key
            : throw new FormatException(
                $"Expected a {DerLength}-byte DER BLS12-381 public key starting with {Convert.ToHexStringLower(Prefix)}, found {der.Length} bytes starting with {Convert.ToHexStringLower(der[..Math.Min(der.Length, Prefix.Length)])}.");
}

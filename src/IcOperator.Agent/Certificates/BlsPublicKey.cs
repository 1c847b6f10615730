namespace IcOperator.Agent.Certificates;

/// <summary>
/// The DER form of IC BLS12-381 G2 public keys (RFC 5480 with algorithm OID 1.3.6.1.4.1.44668.5.3.1.2.1 and curve
/// OID 1.3.6.1.4.1.44668.5.3.2.1): a fixed 37-byte prefix then the 96-byte compressed point.
/// </summary>
public static class BlsPublicKey
{
    public const int RawLength = 96;

    private static readonly byte[] DerPrefix = Convert.FromHexString("308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100");

    public static int DerLength => DerPrefix.Length + RawLength;

    public static byte[] ToDer(ReadOnlySpan<byte> raw96) =>
        raw96.Length == RawLength ? [.. DerPrefix, .. raw96] : throw new ArgumentException($"BLS public key: expected {RawLength} bytes, found {raw96.Length}", nameof(raw96));

    /// <summary>The raw 96-byte key inside a DER key; throws naming what was wrong.</summary>
    public static byte[] FromDer(ReadOnlySpan<byte> der)
    {
        if (der.Length != DerLength || !der[..DerPrefix.Length].SequenceEqual(DerPrefix))
        {
            throw new CertificateVerificationException(
                CertificateRejection.InvalidPublicKey,
                $"BLS public key: expected {DerLength} bytes of DER starting with {Convert.ToHexStringLower(DerPrefix)}, found {der.Length} bytes starting with {Convert.ToHexStringLower(der[..Math.Min(der.Length, DerPrefix.Length)])}");
        }

        return der[DerPrefix.Length..].ToArray();
    }
}

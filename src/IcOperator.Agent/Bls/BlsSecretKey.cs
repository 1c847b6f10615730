using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;
using IcOperator.Agent.Bls.HashToCurve;
using IcOperator.Agent.Certificates;

namespace IcOperator.Agent.Bls;

/// <summary>
/// A BLS12-381 secret key in the IC's minimal-signature-size scheme: a scalar 0 &lt; s &lt; r, public
/// key s·g2 (96 bytes compressed), signatures s·H(m) in G1 (48 bytes compressed). Used by the IC
/// emulator to sign certificates and by tests; the value never appears in strings.
/// </summary>
public sealed class BlsSecretKey
{
    public const int Length = 32;

    /// <summary>The order r of G1 and G2.</summary>
    private static readonly BigInteger Order = G1.ParseHex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

    private static readonly byte[] Dst = Encoding.ASCII.GetBytes(HashToG1.SignatureDst);

    private readonly byte[] scalar;

    private BlsSecretKey(byte[] scalar)
    {
        this.scalar = scalar;
        PublicKey = G2.Compress(JacobianPoint<Fp2>.Multiply(G2.Generator, scalar));
    }

    /// <summary>The 96-byte compressed G2 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key in the IC's DER form (133 bytes), as <c>/api/v2/status</c> serves a root key.</summary>
    public byte[] PublicKeyDer => BlsPublicKey.ToDer(PublicKey);

    /// <summary>A fresh key from the system's cryptographic random source.</summary>
    public static BlsSecretKey Generate()
    {
        // 48 random bytes reduced mod r: the bias is below 2^-128.
        Span<byte> wide = stackalloc byte[48];
        while (true)
        {
            RandomNumberGenerator.Fill(wide);
            var value = BigInteger.Remainder(new BigInteger(wide, isUnsigned: true, isBigEndian: true), Order);
            wide.Clear();
            if (!value.IsZero)
            {
                return new BlsSecretKey(ToScalarBytes(value));
            }
        }
    }

    /// <summary>A key from its 32-byte big-endian encoding, which must be a scalar 0 &lt; s &lt; r.</summary>
    public static BlsSecretKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A BLS12-381 secret key is {Length} bytes, found {bytes.Length}.", nameof(bytes));
        }

        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        if (value.IsZero || value >= Order)
        {
            throw new ArgumentException("A BLS12-381 secret key must be a scalar between 1 and r - 1 (big-endian); the bytes given are not.", nameof(bytes));
        }

        return new BlsSecretKey(bytes.ToArray());
    }

    /// <summary>The 32-byte big-endian scalar; handle with the care a secret needs.</summary>
    public byte[] ToBytes() => (byte[])scalar.Clone();

    /// <summary>The 48-byte compressed G1 signature s·H(message).</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var hash = HashToG1.Hash(message, Dst);
        return G1.Compress(JacobianPoint<Fp>.Multiply(hash, scalar));
    }

    public override string ToString() => "BlsSecretKey(public key " + Convert.ToHexStringLower(PublicKey.AsSpan(0, 8)) + "…)";

    private static byte[] ToScalarBytes(BigInteger value)
    {
        var bytes = new byte[Length];
        value.TryWriteBytes(bytes.AsSpan(Length - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }
}

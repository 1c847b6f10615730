using System.Security.Cryptography;
using System.Text;

namespace IcOperator.Agent.Bls.HashToCurve;

/// <summary>expand_message_xmd with SHA-256 (RFC 9380 §5.3.1), including the oversize-DST rule (§5.3.3).</summary>
internal static class ExpandMessageXmd
{
    private const int HashLength = 32;
    private const int BlockLength = 64;

    public static byte[] Expand(ReadOnlySpan<byte> message, ReadOnlySpan<byte> dst, int lengthInBytes)
    {
        var ell = (lengthInBytes + HashLength - 1) / HashLength;
        if (ell > 255 || lengthInBytes > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthInBytes), lengthInBytes, "expand_message_xmd with SHA-256 produces at most 8160 bytes.");
        }

        if (dst.Length > 255)
        {
            using var oversize = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            oversize.AppendData(Encoding.ASCII.GetBytes("H2C-OVERSIZE-DST-"));
            oversize.AppendData(dst);
            dst = oversize.GetHashAndReset();
        }

        Span<byte> dstPrime = stackalloc byte[dst.Length + 1];
        dst.CopyTo(dstPrime);
        dstPrime[^1] = (byte)dst.Length;

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> b0 = stackalloc byte[HashLength];
        hash.AppendData(stackalloc byte[BlockLength]);
        hash.AppendData(message);
        hash.AppendData([(byte)(lengthInBytes >> 8), (byte)lengthInBytes, 0]);
        hash.AppendData(dstPrime);
        hash.GetHashAndReset(b0);

        var output = new byte[ell * HashLength];
        Span<byte> bi = stackalloc byte[HashLength];
        Span<byte> chained = stackalloc byte[HashLength];
        hash.AppendData(b0);
        hash.AppendData([1]);
        hash.AppendData(dstPrime);
        hash.GetHashAndReset(bi);
        bi.CopyTo(output);
        for (var i = 2; i <= ell; i++)
        {
            for (var k = 0; k < HashLength; k++)
            {
                chained[k] = (byte)(b0[k] ^ bi[k]);
            }

            hash.AppendData(chained);
            hash.AppendData([(byte)i]);
            hash.AppendData(dstPrime);
            hash.GetHashAndReset(bi);
            bi.CopyTo(output.AsSpan((i - 1) * HashLength));
        }

        return lengthInBytes == output.Length ? output : output[..lengthInBytes];
    }
}

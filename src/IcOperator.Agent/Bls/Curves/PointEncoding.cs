namespace IcOperator.Agent.Bls.Curves;

/// <summary>The three flag bits of the ZCash BLS12-381 point encoding, shared by G1 and G2.</summary>
internal static class PointEncoding
{
    public const byte CompressedFlag = 0x80;
    public const byte InfinityFlag = 0x40;
    public const byte SignFlag = 0x20;
    public const byte ValueMask = 0x1f;

    /// <summary>Reads the flags of a compressed encoding; false for an uncompressed one.</summary>
    public static bool TryReadFlags(ReadOnlySpan<byte> bytes, out (bool Infinity, bool Sign) flags)
    {
        var first = bytes[0];
        flags = ((first & InfinityFlag) != 0, (first & SignFlag) != 0);
        return (first & CompressedFlag) != 0;
    }

    public static bool IsAllZero(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((byte)0) < 0;
}

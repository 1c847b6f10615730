namespace IcOperator.Emulators.Ic.Requests;

/// <summary>Compares byte arrays by content, for request ids as dictionary keys.</summary>
internal sealed class ByteArrayKeyComparer : IEqualityComparer<byte[]>
{
    public static readonly ByteArrayKeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => obj.Length >= 4 ? BitConverter.ToInt32(obj, 0) : obj.Length;
}

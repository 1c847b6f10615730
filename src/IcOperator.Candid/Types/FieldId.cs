using System.Text;

namespace IcOperator.Candid;

/// <summary>Field and tag ids: the Candid hash of a name, <c>hash(id) = Σ id[i]·223^(k-i) mod 2^32</c> over its UTF-8 bytes.</summary>
public static class FieldId
{
    public static uint Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        uint hash = 0;
        Span<byte> buffer = name.Length <= 128 ? stackalloc byte[name.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(name.Length)];
        var count = Encoding.UTF8.GetBytes(name, buffer);
        foreach (var b in buffer[..count])
        {
            hash = unchecked((hash * 223) + b);
        }

        return hash;
    }
}

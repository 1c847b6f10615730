namespace IcOperator.Candid;

/// <summary>
/// An Internet Computer principal: an opaque blob of at most 29 bytes, written as
/// <c>Grouped(Base32(CRC32(bytes) ++ bytes))</c> in lower case with a dash every five characters.
/// </summary>
public sealed class Principal : IEquatable<Principal>, IComparable<Principal>
{
    public const int MaxLength = 29;
    private const byte SelfAuthenticatingSuffix = 0x02;
    private const byte AnonymousSuffix = 0x04;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    private readonly byte[] bytes;

    private Principal(byte[] bytes) => this.bytes = bytes;

    /// <summary>The management canister <c>aaaaa-aa</c> (the empty blob).</summary>
    public static Principal ManagementCanister { get; } = new([]);

    /// <summary>The anonymous principal <c>2vxsx-fae</c>.</summary>
    public static Principal Anonymous { get; } = new([AnonymousSuffix]);

    public ReadOnlySpan<byte> Bytes => bytes;

    public int Length => bytes.Length;

    public bool IsAnonymous => bytes is [AnonymousSuffix];

    public bool IsManagementCanister => bytes.Length == 0;

    public bool IsSelfAuthenticating => bytes.Length == MaxLength && bytes[^1] == SelfAuthenticatingSuffix;

    public byte[] ToByteArray() => (byte[])bytes.Clone();

    public static Principal FromBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length > MaxLength)
        {
            throw new FormatException($"A principal has at most {MaxLength} bytes; got {value.Length}.");
        }

        return new Principal(value.ToArray());
    }

    /// <summary>The self-authenticating principal of a DER-encoded public key: SHA-224(DER) ++ 0x02.</summary>
    public static Principal SelfAuthenticating(ReadOnlySpan<byte> derPublicKey)
    {
        var result = new byte[MaxLength];
        Sha224.Hash(derPublicKey, result.AsSpan(0, Sha224.HashLength));
        result[^1] = SelfAuthenticatingSuffix;
        return new Principal(result);
    }

    /// <summary>A canister id as the IC numbers them: the 8-byte big-endian index followed by 0x01 0x01.</summary>
    public static Principal FromCanisterIndex(ulong index)
    {
        var result = new byte[10];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(result, index);
        result[8] = 0x01;
        result[9] = 0x01;
        return new Principal(result);
    }

    /// <summary>The index of a canister id in the IC's numbering, when this principal is one.</summary>
    public bool TryGetCanisterIndex(out ulong index)
    {
        if (bytes.Length == 10 && bytes[8] == 0x01 && bytes[9] == 0x01)
        {
            index = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
            return true;
        }

        index = 0;
        return false;
    }

    public static Principal Parse(string text)
    {
        if (TryParse(text, out var principal, out var error))
        {
            return principal;
        }

        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out Principal principal) => TryParse(text, out principal, out _);

    public static bool TryParse(string? text, out Principal principal, out string error)
    {
        principal = ManagementCanister;
        if (string.IsNullOrEmpty(text))
        {
            error = "A principal's text must not be empty.";
            return false;
        }

        Span<char> compact = stackalloc char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (c != '-')
            {
                compact[n++] = char.ToLowerInvariant(c);
            }
        }

        // 4 checksum bytes + at most 29 bytes = 33 bytes = at most 53 base32 characters.
        if (n < 7 || n > 53)
        {
            error = $"'{Shorten(text)}' is not a principal: expected 7 to 53 base32 characters (a–z, 2–7), found {n}.";
            return false;
        }

        Span<byte> decoded = stackalloc byte[n * 5 / 8];
        var acc = 0;
        var accBits = 0;
        var written = 0;
        for (var i = 0; i < n; i++)
        {
            var v = Alphabet.IndexOf(compact[i], StringComparison.Ordinal);
            if (v < 0)
            {
                error = $"'{Shorten(text)}' is not a principal: '{compact[i]}' is not a base32 character (a–z, 2–7).";
                return false;
            }

            acc = (acc << 5) | v;
            accBits += 5;
            if (accBits >= 8)
            {
                accBits -= 8;
                decoded[written++] = (byte)(acc >> accBits);
                acc &= (1 << accBits) - 1;
            }
        }

        if (acc != 0 || written < 4)
        {
            error = $"'{Shorten(text)}' is not a principal: invalid base32 padding.";
            return false;
        }

        var body = decoded[4..written];
        if (body.Length > MaxLength)
        {
            error = $"'{Shorten(text)}' is not a principal: it decodes to {body.Length} bytes, more than {MaxLength}.";
            return false;
        }

        var candidate = new Principal(body.ToArray());
        var canonical = candidate.ToString();
        if (!string.Equals(canonical, text, StringComparison.OrdinalIgnoreCase))
        {
            var expectedCrc = Crc32.Compute(body);
            var foundCrc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(decoded);
            error = expectedCrc != foundCrc
                ? $"'{Shorten(text)}' is not a principal: its checksum does not match (did you mistype it?)."
                : $"'{Shorten(text)}' is not a principal: expected dashes every five characters, as in '{canonical}'.";
            return false;
        }

        principal = candidate;
        error = string.Empty;
        return true;
    }

    public override string ToString()
    {
        Span<byte> withCrc = stackalloc byte[bytes.Length + 4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(withCrc, Crc32.Compute(bytes));
        bytes.CopyTo(withCrc[4..]);

        var chars = new System.Text.StringBuilder((withCrc.Length * 8 / 5) + 12);
        var acc = 0;
        var accBits = 0;
        var count = 0;
        void Emit(int v)
        {
            if (count > 0 && count % 5 == 0)
            {
                chars.Append('-');
            }

            chars.Append(Alphabet[v]);
            count++;
        }

        foreach (var b in withCrc)
        {
            acc = (acc << 8) | b;
            accBits += 8;
            while (accBits >= 5)
            {
                accBits -= 5;
                Emit((acc >> accBits) & 31);
            }

            acc &= (1 << accBits) - 1;
        }

        if (accBits > 0)
        {
            Emit((acc << (5 - accBits)) & 31);
        }

        return chars.ToString();
    }

    public string ToHex() => Convert.ToHexStringLower(bytes);

    public bool Equals(Principal? other) => other is not null && bytes.AsSpan().SequenceEqual(other.bytes);

    public override bool Equals(object? obj) => obj is Principal p && Equals(p);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }

    /// <summary>Byte-wise lexicographic order, as the IC orders canister ids and ranges.</summary>
    public int CompareTo(Principal? other) => other is null ? 1 : bytes.AsSpan().SequenceCompareTo(other.bytes);

    public static bool operator ==(Principal? left, Principal? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Principal? left, Principal? right) => !(left == right);

    public static bool operator <(Principal left, Principal right) => left.CompareTo(right) < 0;

    public static bool operator >(Principal left, Principal right) => left.CompareTo(right) > 0;

    public static bool operator <=(Principal left, Principal right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Principal left, Principal right) => left.CompareTo(right) >= 0;

    /// <summary>True when this principal lies in the inclusive range [<paramref name="start"/>, <paramref name="end"/>].</summary>
    public bool IsInRange(Principal start, Principal end) => this >= start && this <= end;

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}

using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>
/// The Candid argument of <c>upload_chunk</c>, written once into an array of its size: the chunk is the only large
/// part, and encoding the record through a growing buffer copied it two more times per upload.
/// </summary>
internal static class UploadChunkArgument
{
    /// <summary>The bytes <see cref="CandidSerializer"/> writes for <c>new UploadChunkArgs(canisterId, chunk)</c>.</summary>
    public static byte[] Encode(Principal canisterId, ReadOnlySpan<byte> chunk)
    {
        ArgumentNullException.ThrowIfNull(canisterId);

        // A record's values follow its field hashes: chunk (1170392685) before canister_id (1313628723), and a principal
        // value is 1, its length (one byte: at most 29) and its bytes. So the argument is that of an empty chunk with the
        // chunk's length and bytes in place of the empty blob's length, a single 0 just before the principal.
        var empty = CandidSerializer.Encode(new UploadChunkArgs(canisterId, []));
        var at = empty.Length - (2 + canisterId.Length) - 1;
        if (at < 0 || empty[at] != 0)
        {
            throw new InvalidOperationException($"upload_chunk argument: the encoding of an empty chunk for {canisterId} does not end in the empty blob and the principal");
        }

        var length = Leb128.EncodeUnsigned((ulong)chunk.Length);
        var argument = new byte[empty.Length - 1 + length.Length + chunk.Length];
        empty.AsSpan(0, at).CopyTo(argument);
        length.CopyTo(argument, at);
        chunk.CopyTo(argument.AsSpan(at + length.Length));
        empty.AsSpan(at + 1).CopyTo(argument.AsSpan(at + length.Length + chunk.Length));
        return argument;
    }
}

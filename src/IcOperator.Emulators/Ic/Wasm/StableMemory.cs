namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// A canister's stable memory: 64 KiB pages that survive upgrades. Writes during a message are journalled page by
/// page so that a trap can roll them back without copying the whole memory.
/// </summary>
internal sealed class StableMemory
{
    public const int PageSize = 65536;

    /// <summary>The replica's stable memory limit: 500 GiB, in pages.</summary>
    public const long MaxPages = 500L * 1024 * 1024 * 1024 / PageSize;

    private readonly Dictionary<long, byte[]> pages = [];
    private Dictionary<long, byte[]?>? journal;
    private long journalSize;

    public long SizeInPages { get; private set; }

    public long SizeInBytes => SizeInPages * PageSize;

    /// <summary>A copy with the same content, for snapshots.</summary>
    public StableMemory Clone()
    {
        var copy = new StableMemory { SizeInPages = SizeInPages };
        foreach (var (index, page) in pages)
        {
            copy.pages[index] = (byte[])page.Clone();
        }

        return copy;
    }

    /// <summary>Starts recording what the next writes overwrite.</summary>
    public void BeginMessage()
    {
        journal = [];
        journalSize = SizeInPages;
    }

    /// <summary>Keeps the writes since <see cref="BeginMessage"/>.</summary>
    public void Commit() => journal = null;

    /// <summary>Undoes the writes and growth since <see cref="BeginMessage"/>.</summary>
    public void Rollback()
    {
        if (journal is null)
        {
            return;
        }

        foreach (var (index, original) in journal)
        {
            if (original is null)
            {
                pages.Remove(index);
            }
            else
            {
                pages[index] = original;
            }
        }

        SizeInPages = journalSize;
        journal = null;
    }

    /// <summary>Grows by <paramref name="newPages"/>; returns the previous size in pages, or -1 when the limit is reached.</summary>
    public long Grow(long newPages, long limitPages)
    {
        if (newPages < 0 || SizeInPages + newPages > Math.Min(limitPages, MaxPages))
        {
            return -1;
        }

        var old = SizeInPages;
        SizeInPages += newPages;
        return old;
    }

    public void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length, "read");
        var done = 0;
        while (done < destination.Length)
        {
            var address = offset + done;
            var index = address / PageSize;
            var inPage = (int)(address % PageSize);
            var length = Math.Min(PageSize - inPage, destination.Length - done);
            if (pages.TryGetValue(index, out var page))
            {
                page.AsSpan(inPage, length).CopyTo(destination.Slice(done, length));
            }
            else
            {
                destination.Slice(done, length).Clear();
            }

            done += length;
        }
    }

    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        CheckRange(offset, source.Length, "write");
        var done = 0;
        while (done < source.Length)
        {
            var address = offset + done;
            var index = address / PageSize;
            var inPage = (int)(address % PageSize);
            var length = Math.Min(PageSize - inPage, source.Length - done);
            var exists = pages.TryGetValue(index, out var page);
            if (journal is not null && !journal.ContainsKey(index))
            {
                journal[index] = exists ? (byte[])page!.Clone() : null;
            }

            if (!exists)
            {
                page = new byte[PageSize];
                pages[index] = page;
            }

            source.Slice(done, length).CopyTo(page.AsSpan(inPage, length));
            done += length;
        }
    }

    private void CheckRange(long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset + length > SizeInBytes)
        {
            throw new CanisterTrapException($"stable memory out of bounds: {what} of {length} bytes at offset {offset} exceeds the stable memory size of {SizeInBytes} bytes");
        }
    }
}

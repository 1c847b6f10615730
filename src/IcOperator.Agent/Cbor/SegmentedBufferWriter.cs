using System.Buffers;

namespace IcOperator.Agent.Cbor;

/// <summary>
/// Writes an encoding as a sequence of segments: what is written goes into one array of a size measured in advance,
/// and a large byte string is not copied in but shared as a segment of its own between the bytes around it.
/// </summary>
internal sealed class SegmentedBufferWriter(int ownedLength) : IBufferWriter<byte>
{
    private readonly ExactBufferWriter owned = new(ownedLength);
    private readonly List<ReadOnlyMemory<byte>> shared = [];
    private readonly List<int> sharedAt = [];
    private int written;

    public void Advance(int count)
    {
        owned.Advance(count);
        written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => owned.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => owned.GetSpan(sizeHint);

    /// <summary>Places <paramref name="bytes"/> here in the sequence without copying them.</summary>
    public void Share(ReadOnlyMemory<byte> bytes)
    {
        shared.Add(bytes);
        sharedAt.Add(written);
    }

    /// <summary>The owned bytes, once exactly their measured length was written, with the shared ones in their places.</summary>
    public ReadOnlySequence<byte> Filled()
    {
        var buffer = owned.Filled();
        if (shared.Count == 0)
        {
            return new ReadOnlySequence<byte>(buffer);
        }

        var first = new Segment(buffer.AsMemory(0, sharedAt[0]), 0);
        var last = first;
        for (var i = 0; i < shared.Count; i++)
        {
            last = last.Append(shared[i]);
            var end = i + 1 < shared.Count ? sharedAt[i + 1] : buffer.Length;
            last = last.Append(buffer.AsMemory(sharedAt[i], end - sharedAt[i]));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

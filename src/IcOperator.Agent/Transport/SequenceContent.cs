using System.Buffers;
using System.Net;

namespace IcOperator.Agent.Transport;

/// <summary>An HTTP body sent segment by segment from memory it does not copy (a request envelope around a large argument).</summary>
internal sealed class SequenceContent(ReadOnlySequence<byte> body) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var segment in body)
        {
            await stream.WriteAsync(segment, cancellationToken);
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var segment in body)
        {
            stream.Write(segment.Span);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}

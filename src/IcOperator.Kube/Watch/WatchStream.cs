using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Watch;

/// <summary>
/// Splits a watch response body into newline-delimited events. A line may arrive in any number of reads;
/// nothing is kept between lines, so a long watch holds only the line being read.
/// </summary>
internal static class WatchStream
{
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(Stream body, KubeResource<T> resource, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    if (!IsBlank(line))
                    {
                        yield return WatchEventParser.Parse(line, resource);
                    }
                }

                if (result.IsCompleted)
                {
                    // The server closed the stream; a last line without a newline is still an event.
                    if (!buffer.IsEmpty && !IsBlank(buffer))
                    {
                        yield return WatchEventParser.Parse(buffer, resource);
                    }

                    reader.AdvanceTo(buffer.End);
                    yield break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

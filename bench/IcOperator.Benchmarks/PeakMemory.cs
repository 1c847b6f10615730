using System.Diagnostics;

namespace IcOperator.Benchmarks;

/// <summary>A process's peak resident set size as the kernel tracks it (VmHWM in /proc/PID/status).</summary>
internal sealed class PeakMemory(Process process) : IDisposable
{
    private long last;

    /// <summary>Bytes; the last value read once the process has exited.</summary>
    public long Peak
    {
        get
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        last = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                    }
                }
            }
            catch (IOException)
            {
                // Exited: keep the last reading.
            }

            return last;
        }
    }

    public void Dispose()
    {
    }
}

using System.Text;
using Prometheus;

namespace IcOperator.Tests.Observability;

/// <summary>What /metrics would serve for a registry: its text exposition, produced by the same exporter.</summary>
internal static class Scrape
{
    public static async Task<string> TextAsync(CollectorRegistry registry)
    {
        using var body = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(body);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}

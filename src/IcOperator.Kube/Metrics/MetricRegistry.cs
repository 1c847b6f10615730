using System.Collections.Concurrent;

namespace IcOperator.Kube.Metrics;

/// <summary>
/// The metric families of one process and their text exposition (served on <c>/metrics</c>). Asking again
/// for a family with the same name and shape returns the existing one, so components share families.
/// </summary>
public sealed class MetricRegistry
{
    private readonly ConcurrentDictionary<string, Metric> families = new(StringComparer.Ordinal);

    /// <summary>The Content-Type of <see cref="Export"/>.</summary>
    public static string ContentType => TextExposition.ContentType;

    public Counter Counter(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new Counter(name, help, labelNames), labelNames);

    public Gauge Gauge(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new Gauge(name, help, labelNames), labelNames);

    public Histogram Histogram(string name, string help, IReadOnlyList<double>? buckets = null, params string[] labelNames) =>
        GetOrAdd(name, () => new Histogram(name, help, buckets ?? Metrics.Histogram.DefaultBuckets, labelNames), labelNames);

    public IReadOnlyCollection<Metric> Families => families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();

    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var family in Families)
        {
            TextExposition.WriteFamily(writer, family);
        }
    }

    public string Export()
    {
        using var writer = new StringWriter();
        WriteTo(writer);
        return writer.ToString();
    }

    private TMetric GetOrAdd<TMetric>(string name, Func<TMetric> create, string[] labelNames)
        where TMetric : Metric
    {
        var family = families.GetOrAdd(name, _ => create());
        if (family is not TMetric typed || !family.LabelNames.SequenceEqual(labelNames))
        {
            throw new InvalidOperationException(
                $"metric {name} is already registered as a {family.Type} with labels ({string.Join(", ", family.LabelNames)}); " +
                $"asked for a {typeof(TMetric).Name} with labels ({string.Join(", ", labelNames)})");
        }

        return typed;
    }
}

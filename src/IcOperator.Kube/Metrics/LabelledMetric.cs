using System.Collections.Concurrent;

namespace IcOperator.Kube.Metrics;

/// <summary>A metric family whose series, one per label value tuple, are made on first use.</summary>
public abstract class LabelledMetric<TSeries> : Metric
    where TSeries : class
{
    private readonly ConcurrentDictionary<string, TSeries> series = new(StringComparer.Ordinal);

    private protected LabelledMetric(string name, string help, MetricType type, IReadOnlyList<string> labelNames)
        : base(name, help, type, labelNames)
    {
    }

    /// <summary>The series for these label values (in the order of <see cref="Metric.LabelNames"/>).</summary>
    public TSeries WithLabels(params string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        var key = KeyOf(labelValues);
        return series.GetOrAdd(key, _ => NewSeries((string[])labelValues.Clone()));
    }

    /// <summary>The series in the order of their label values, as the exposition writes them.</summary>
    private protected IEnumerable<TSeries> SeriesInLabelOrder => series.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value);

    /// <summary>A new series for label values the caller no longer changes.</summary>
    private protected abstract TSeries NewSeries(string[] labelValues);

    private protected bool RemoveSeries(string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        return series.TryRemove(KeyOf(labelValues), out _);
    }

    private string KeyOf(string[] labelValues)
    {
        if (labelValues.Length != LabelNames.Count)
        {
            throw new ArgumentException($"{Name} has labels ({string.Join(", ", LabelNames)}): expected {LabelNames.Count} values, got {labelValues.Length}", nameof(labelValues));
        }

        foreach (var value in labelValues)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(labelValues));
        }

        return string.Join('\u001f', labelValues);
    }
}

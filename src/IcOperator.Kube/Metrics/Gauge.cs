using System.Collections.Concurrent;

namespace IcOperator.Kube.Metrics;

/// <summary>A value that goes up and down (queue depth, leader status, cycles balance).</summary>
public sealed class Gauge : Metric
{
    private readonly ConcurrentDictionary<string, Series> series = new(StringComparer.Ordinal);

    internal Gauge(string name, string help, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Gauge, labelNames)
    {
    }

    public Series WithLabels(params string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        var key = KeyOf(labelValues);
        return series.GetOrAdd(key, _ => new Series((string[])labelValues.Clone()));
    }

    /// <summary>Drops a series (e.g. of a deleted resource) so it stops being exported.</summary>
    public bool RemoveLabels(params string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        return series.TryRemove(KeyOf(labelValues), out _);
    }

    public void Set(double value) => WithLabels().Set(value);

    public void Inc(double amount = 1) => WithLabels().Add(amount);

    public void Dec(double amount = 1) => WithLabels().Add(-amount);

    public double Value => WithLabels().Value;

    internal override void WriteSamples(TextWriter writer)
    {
        foreach (var (_, s) in Sorted(series))
        {
            TextExposition.WriteSample(writer, Name, LabelNames, s.LabelValues, null, s.Value);
        }
    }

    /// <summary>One labelled gauge.</summary>
    public sealed class Series
    {
        private readonly AtomicDouble value = new();

        internal Series(string[] labelValues) => LabelValues = labelValues;

        internal string[] LabelValues { get; }

        public double Value => value.Value;

        public void Set(double newValue) => value.Set(newValue);

        public void Add(double delta) => value.Add(delta);

        public void Inc() => value.Add(1);

        public void Dec() => value.Add(-1);
    }
}

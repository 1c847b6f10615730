namespace IcOperator.Kube.Metrics;

/// <summary>A value that goes up and down (queue depth, leader status, cycles balance).</summary>
public sealed class Gauge : LabelledMetric<Gauge.Series>
{
    internal Gauge(string name, string help, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Gauge, labelNames)
    {
    }

    /// <summary>Drops a series (e.g. of a deleted resource) so it stops being exported.</summary>
    public bool RemoveLabels(params string[] labelValues) => RemoveSeries(labelValues);

    public void Set(double value) => WithLabels().Set(value);

    public void Inc(double amount = 1) => WithLabels().Add(amount);

    public void Dec(double amount = 1) => WithLabels().Add(-amount);

    public double Value => WithLabels().Value;

    internal override void WriteSamples(TextWriter writer)
    {
        foreach (var s in SeriesInLabelOrder)
        {
            TextExposition.WriteSample(writer, Name, LabelNames, s.LabelValues, null, s.Value);
        }
    }

    private protected override Series NewSeries(string[] labelValues) => new(labelValues);

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

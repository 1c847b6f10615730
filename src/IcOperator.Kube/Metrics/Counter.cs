namespace IcOperator.Kube.Metrics;

/// <summary>A value that only goes up (requests, reconciles, retries). Names end in <c>_total</c>.</summary>
public sealed class Counter : LabelledMetric<Counter.Series>
{
    internal Counter(string name, string help, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Counter, labelNames)
    {
    }

    public void Inc(double amount = 1) => WithLabels().Inc(amount);

    public double Value => WithLabels().Value;

    internal override void WriteSamples(TextWriter writer)
    {
        foreach (var s in SeriesInLabelOrder)
        {
            TextExposition.WriteSample(writer, Name, LabelNames, s.LabelValues, null, s.Value);
        }
    }

    private protected override Series NewSeries(string[] labelValues) => new(labelValues);

    /// <summary>One labelled counter.</summary>
    public sealed class Series
    {
        private readonly AtomicDouble value = new();

        internal Series(string[] labelValues) => LabelValues = labelValues;

        internal string[] LabelValues { get; }

        public double Value => value.Value;

        public void Inc(double amount = 1)
        {
            if (amount < 0 || double.IsNaN(amount))
            {
                throw new ArgumentOutOfRangeException(nameof(amount), amount, "a counter only increases");
            }

            value.Add(amount);
        }
    }
}

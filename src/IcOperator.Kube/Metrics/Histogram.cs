namespace IcOperator.Kube.Metrics;

/// <summary>Observations counted into cumulative buckets (durations, sizes), with their sum and count.</summary>
public sealed class Histogram : LabelledMetric<Histogram.Series>
{
    private readonly double[] upperBounds;

    internal Histogram(string name, string help, IReadOnlyList<double> buckets, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Histogram, labelNames)
    {
        if (labelNames.Contains("le"))
        {
            throw new ArgumentException($"histogram {name} cannot have a label named le: the buckets use it", nameof(labelNames));
        }

        if (buckets.Count == 0)
        {
            throw new ArgumentException($"histogram {name} needs at least one bucket", nameof(buckets));
        }

        for (var i = 1; i < buckets.Count; i++)
        {
            if (!(buckets[i] > buckets[i - 1]))
            {
                throw new ArgumentException($"buckets of {name} must increase strictly: {buckets[i - 1]} then {buckets[i]}", nameof(buckets));
            }
        }

        // +Inf is always written; an explicit one would be a duplicate bucket.
        upperBounds = double.IsPositiveInfinity(buckets[^1]) ? buckets.Take(buckets.Count - 1).ToArray() : buckets.ToArray();
    }

    /// <summary>controller-runtime's default buckets (seconds).</summary>
    public static IReadOnlyList<double> DefaultBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary><paramref name="count"/> buckets starting at <paramref name="start"/>, each <paramref name="factor"/> times the last.</summary>
    public static IReadOnlyList<double> ExponentialBuckets(double start, double factor, int count)
    {
        if (start <= 0 || factor <= 1 || count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"expected start > 0, factor > 1, count >= 1; got {start}, {factor}, {count}");
        }

        var buckets = new double[count];
        for (var i = 0; i < count; i++)
        {
            buckets[i] = start * Math.Pow(factor, i);
        }

        return buckets;
    }

    public IReadOnlyList<double> Buckets => upperBounds;

    public void Observe(double value) => WithLabels().Observe(value);

    internal override void WriteSamples(TextWriter writer)
    {
        var withLe = LabelNames.Append("le").ToArray();
        foreach (var s in SeriesInLabelOrder)
        {
            var snapshot = s.Snapshot();
            long cumulative = 0;
            for (var i = 0; i < Buckets.Count; i++)
            {
                cumulative += snapshot.Counts[i];
                TextExposition.WriteSample(writer, Name + "_bucket", withLe, [.. s.LabelValues, TextExposition.FormatValue(Buckets[i])], null, cumulative);
            }

            cumulative += snapshot.Counts[^1];
            TextExposition.WriteSample(writer, Name + "_bucket", withLe, [.. s.LabelValues, "+Inf"], null, cumulative);
            TextExposition.WriteSample(writer, Name + "_sum", LabelNames, s.LabelValues, null, snapshot.Sum);
            TextExposition.WriteSample(writer, Name + "_count", LabelNames, s.LabelValues, null, cumulative);
        }
    }

    private protected override Series NewSeries(string[] labelValues) => new(this, labelValues);

    /// <summary>One labelled histogram.</summary>
    public sealed class Series
    {
        private readonly Histogram owner;
        private readonly long[] counts;
        private readonly AtomicDouble sum = new();
        private readonly Lock sync = new();

        internal Series(Histogram owner, string[] labelValues)
        {
            this.owner = owner;
            LabelValues = labelValues;
            counts = new long[owner.Buckets.Count + 1];
        }

        internal string[] LabelValues { get; }

        public long Count => Snapshot().Counts.Sum();

        public double Sum => sum.Value;

        public void Observe(double value)
        {
            // The first bucket whose upper bound is >= value; past the last one it is the +Inf bucket.
            var found = Array.BinarySearch(owner.upperBounds, value);
            var index = found >= 0 ? found : ~found;

            // One lock keeps count and sum consistent in a scrape (count of +Inf equals _count).
            lock (sync)
            {
                counts[index]++;
                sum.Add(value);
            }
        }

        internal (long[] Counts, double Sum) Snapshot()
        {
            lock (sync)
            {
                return ((long[])counts.Clone(), sum.Value);
            }
        }
    }
}

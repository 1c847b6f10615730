using System.Text.RegularExpressions;

namespace IcOperator.Kube.Metrics;

/// <summary>A metric family: one name, one help text, one set of label names, a series per label value tuple.</summary>
public abstract partial class Metric
{
    private protected Metric(string name, string help, MetricType type, IReadOnlyList<string> labelNames)
    {
        if (!MetricName().IsMatch(name))
        {
            throw new ArgumentException($"metric name '{name}' must match [a-zA-Z_:][a-zA-Z0-9_:]*", nameof(name));
        }

        foreach (var label in labelNames)
        {
            if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
            {
                throw new ArgumentException($"label name '{label}' of {name} must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __", nameof(labelNames));
            }
        }

        if (labelNames.Distinct(StringComparer.Ordinal).Count() != labelNames.Count)
        {
            throw new ArgumentException($"label names of {name} repeat: {string.Join(", ", labelNames)}", nameof(labelNames));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(help);
        Name = name;
        Help = help;
        Type = type;
        LabelNames = labelNames;
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public IReadOnlyList<string> LabelNames { get; }

    internal abstract void WriteSamples(TextWriter writer);

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}

using System.Globalization;
using System.Text;

namespace IcOperator.Kube.Metrics;

/// <summary>Writes the Prometheus text exposition format 0.0.4.</summary>
internal static class TextExposition
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void WriteFamily(TextWriter writer, Metric metric)
    {
        writer.Write("# HELP ");
        writer.Write(metric.Name);
        writer.Write(' ');
        writer.Write(EscapeHelp(metric.Help));
        writer.Write('\n');
        writer.Write("# TYPE ");
        writer.Write(metric.Name);
        writer.Write(' ');
        writer.Write(metric.Type switch
        {
            MetricType.Counter => "counter",
            MetricType.Gauge => "gauge",
            MetricType.Histogram => "histogram",
            _ => "untyped",
        });
        writer.Write('\n');
        metric.WriteSamples(writer);
    }

    public static void WriteSample(TextWriter writer, string name, IReadOnlyList<string> labelNames, IReadOnlyList<string> labelValues, string? suffix, double value)
    {
        writer.Write(name);
        if (suffix is not null)
        {
            writer.Write(suffix);
        }

        if (labelNames.Count > 0)
        {
            writer.Write('{');
            for (var i = 0; i < labelNames.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                writer.Write(labelNames[i]);
                writer.Write("=\"");
                writer.Write(EscapeLabelValue(labelValues[i]));
                writer.Write('"');
            }

            writer.Write('}');
        }

        writer.Write(' ');
        writer.Write(FormatValue(value));
        writer.Write('\n');
    }

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string EscapeHelp(string help) => Escape(help, quotes: false);

    public static string EscapeLabelValue(string value) => Escape(value, quotes: true);

    private static string Escape(string text, bool quotes)
    {
        if (text.AsSpan().IndexOfAny('\\', '\n', '"') < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => escaped.Append(@"\\"),
                '\n' => escaped.Append(@"\n"),
                '"' when quotes => escaped.Append("\\\""),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}

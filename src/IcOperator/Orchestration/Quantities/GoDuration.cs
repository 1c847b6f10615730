using System.Globalization;
using System.Text.RegularExpressions;

namespace IcOperator.Orchestration.Quantities;

/// <summary>Durations written as Go and Kubernetes write them: <c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>250ms</c>.</summary>
public static partial class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !Whole().IsMatch(text))
        {
            return false;
        }

        var total = 0.0;
        foreach (Match part in Part().Matches(text))
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[3].Value switch
            {
                "ms" => value / 1000,
                "s" => value,
                "m" => value * 60,
                _ => value * 3600,
            };
        }

        duration = TimeSpan.FromSeconds(total);
        return true;
    }

    public static TimeSpan Parse(string? text, string field) =>
        TryParse(text, out var duration)
            ? duration
            : throw new QuantityFormatException(field, text ?? string.Empty, "a duration such as 30s, 5m or 1h30m");

    [GeneratedRegex("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")]
    private static partial Regex Whole();

    [GeneratedRegex("([0-9]+(\\.[0-9]+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}

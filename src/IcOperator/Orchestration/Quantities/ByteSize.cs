using System.Globalization;

namespace IcOperator.Orchestration.Quantities;

/// <summary>
/// Sizes in bytes as users write them: a plain integer, or with an SI unit (K, M, G, T: powers of 1000) or
/// a binary one (Ki, Mi, Gi, Ti, also written KiB, MiB, GiB, TiB: powers of 1024).
/// </summary>
public static class ByteSize
{
    private static readonly (string Suffix, ulong Factor)[] Units =
    [
        ("KiB", 1UL << 10), ("MiB", 1UL << 20), ("GiB", 1UL << 30), ("TiB", 1UL << 40),
        ("Ki", 1UL << 10), ("Mi", 1UL << 20), ("Gi", 1UL << 30), ("Ti", 1UL << 40),
        ("K", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000),
    ];

    public static bool TryParse(string? text, out ulong bytes)
    {
        bytes = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var factor = 1UL;
        var number = text;
        foreach (var (suffix, unitFactor) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                factor = unitFactor;
                number = text[..^suffix.Length];
                break;
            }
        }

        if (number.Length == 0 || !number.All(char.IsAsciiDigit) || !ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        try
        {
            bytes = checked(value * factor);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static ulong Parse(string? text, string field) =>
        TryParse(text, out var bytes)
            ? bytes
            : throw new QuantityFormatException(field, text ?? string.Empty, "a size in bytes such as 4096, 512Mi or 3GiB");
}

using System.Globalization;

namespace IcOperator.Orchestration.Quantities;

/// <summary>
/// Quantities of cycles as users write them: <c>2T</c>, <c>1.5T</c>, <c>500B</c>, <c>20M</c>, <c>3K</c>,
/// <c>1_000_000</c> or a plain integer. K, M, B and T are thousand, million, billion and trillion.
/// </summary>
public static class Cycles
{
    private static readonly UInt128 Trillion = 1_000_000_000_000;

    public static bool TryParse(string? text, out UInt128 cycles)
    {
        cycles = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        UInt128 multiplier = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1_000,
            'M' => 1_000_000,
            'B' => 1_000_000_000,
            'T' => Trillion,
            _ => 1,
        };
        var number = multiplier == 1 ? text : text[..^1];
        if (multiplier == 1)
        {
            return TryParseGrouped(number, out cycles);
        }

        var point = number.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? number : number[..point];
        var fraction = point < 0 ? string.Empty : number[(point + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || (point >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))))
        {
            return false;
        }

        // Exact decimal arithmetic: 1.5T is 1_500_000_000_000, and a fraction finer than one cycle is refused.
        var scale = multiplier.ToString(CultureInfo.InvariantCulture).Length - 1;
        fraction = fraction.TrimEnd('0');
        if (fraction.Length > scale)
        {
            return false;
        }

        try
        {
            var wholePart = checked(UInt128.Parse(whole, CultureInfo.InvariantCulture) * multiplier);
            var fractionPart = fraction.Length == 0
                ? UInt128.Zero
                : UInt128.Parse(fraction, CultureInfo.InvariantCulture) * UInt128.Parse("1" + new string('0', scale - fraction.Length), CultureInfo.InvariantCulture);
            cycles = checked(wholePart + fractionPart);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Parses a cycles quantity, or throws naming the field it came from.</summary>
    public static UInt128 Parse(string? text, string field) =>
        TryParse(text, out var cycles)
            ? cycles
            : throw new QuantityFormatException(field, text ?? string.Empty, "cycles such as 2T, 1.5T, 500B, 1_000_000 or a plain integer");

    /// <summary>Writes cycles the short way when that is exact (2T), else as a plain integer.</summary>
    public static string Format(UInt128 cycles)
    {
        foreach (var (unit, size) in new[] { ("T", Trillion), ("B", (UInt128)1_000_000_000), ("M", (UInt128)1_000_000), ("K", (UInt128)1_000) })
        {
            if (cycles >= size && cycles % size == 0)
            {
                return (cycles / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return cycles.ToString(CultureInfo.InvariantCulture);
    }

    private static bool TryParseGrouped(string text, out UInt128 value)
    {
        value = 0;
        var groups = text.Split('_');
        if (groups.Any(g => g.Length == 0 || !g.All(char.IsAsciiDigit)) || groups.Skip(1).Any(g => g.Length != 3))
        {
            return false;
        }

        return UInt128.TryParse(string.Concat(groups), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}

using IcOperator.Orchestration.Quantities;

namespace IcOperator.Tests.Orchestration;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("2T", "2000000000000")]
    [InlineData("1.5T", "1500000000000")]
    [InlineData("0.000000000001T", "1")]
    [InlineData("500B", "500000000000")]
    [InlineData("20M", "20000000")]
    [InlineData("3K", "3000")]
    [InlineData("1_000_000", "1000000")]
    [InlineData("1000000", "1000000")]
    [InlineData("0", "0")]
    [InlineData("340282366920938463463374607431768211455", "340282366920938463463374607431768211455")]
    public void Cycles_accept_the_forms_users_write(string text, string expected)
    {
        Cycles.TryParse(text, out var cycles).Should().BeTrue();
        cycles.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("T")]
    [InlineData("2 T")]
    [InlineData("-1")]
    [InlineData("1_00")]
    [InlineData("_100")]
    [InlineData("1.5")]
    [InlineData("1.T")]
    [InlineData("0.0000000000001T")]
    [InlineData("340282366920938463463374607431768211456")]
    [InlineData("340282366920938463463374607431768211455T")]
    [InlineData("2X")]
    public void Cycles_refuse_what_is_not_a_quantity(string? text)
    {
        Cycles.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Cycles_parse_error_names_field_found_and_expected()
    {
        var act = () => Cycles.Parse("lots", "spec.create.initialCycles");
        act.Should().Throw<QuantityFormatException>()
            .WithMessage("spec.create.initialCycles: expected cycles such as 2T*found \"lots\".")
            .Which.Field.Should().Be("spec.create.initialCycles");
    }

    [Theory]
    [InlineData("2000000000000", "2T")]
    [InlineData("1500000000000", "1500B")]
    [InlineData("1234", "1234")]
    [InlineData("0", "0")]
    public void Cycles_format_the_short_way_when_exact(string cycles, string expected)
    {
        Cycles.Format(UInt128.Parse(cycles)).Should().Be(expected);
        Cycles.TryParse(expected, out var back).Should().BeTrue();
        back.Should().Be(UInt128.Parse(cycles));
    }

    [Theory]
    [InlineData("4096", 4096UL)]
    [InlineData("3GiB", 3UL << 30)]
    [InlineData("3Gi", 3UL << 30)]
    [InlineData("512Mi", 512UL << 20)]
    [InlineData("2K", 2000UL)]
    [InlineData("1T", 1_000_000_000_000UL)]
    [InlineData("1TiB", 1UL << 40)]
    public void Byte_sizes_accept_si_and_binary_units(string text, ulong expected)
    {
        ByteSize.TryParse(text, out var bytes).Should().BeTrue();
        bytes.Should().Be(expected);
    }

    [Theory]
    [InlineData("3 GiB")]
    [InlineData("GiB")]
    [InlineData("1.5Gi")]
    [InlineData("99999999999999999999")]
    [InlineData("99999999TiB")]
    public void Byte_sizes_refuse_what_is_not_a_size(string text)
    {
        ByteSize.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("60s", 60)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("250ms", 0.25)]
    [InlineData("1.5s", 1.5)]
    public void Durations_read_as_go_writes_them(string text, double seconds)
    {
        GoDuration.Parse(text, "spec.upgrade.healthCheck.timeout").Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("60")]
    [InlineData("5 m")]
    [InlineData("1d")]
    [InlineData("")]
    public void Durations_without_units_are_refused(string text)
    {
        GoDuration.TryParse(text, out _).Should().BeFalse();
    }
}

using IcOperator.Controllers;

namespace IcOperator.Tests.Controllers;

public sealed class ReportedCyclesTests
{
    [Theory]
    [InlineData(null, "1000000", "1000000")]
    [InlineData("not a number", "5", "5")]
    [InlineData("1000000", "1000000", "1000000")]
    [InlineData("1000000", "990001", "1000000")]
    [InlineData("1000000", "1009999", "1000000")]
    [InlineData("1000000", "990000", "990000")]
    [InlineData("1000000", "1010000", "1010000")]
    [InlineData("0", "0", "0")]
    [InlineData("0", "1", "1")]
    [InlineData("1999994999292", "1999994999290", "1999994999292")]
    public void Status_follows_the_balance_once_it_moved_by_one_percent(string? reported, string observed, string expected) =>
        CanisterDeploymentController.ReportedCycles(reported, UInt128.Parse(observed, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);
}

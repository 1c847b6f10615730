using IcOperator.Orchestration.Readiness;

namespace IcOperator.Tests.Orchestration;

public sealed class ReadinessChainTests
{
    private static readonly ReadinessChain<int[]> Chain = new(
        "AllGood",
        "Every check passed.",
        [
            new("NotEmpty", xs => xs.Length == 0 ? CheckResult.Fail("Empty", "No values were given.") : CheckResult.Pass),
            new("Positive", xs => xs.Any(x => x <= 0) ? CheckResult.Fail("NotPositive", $"{xs.First(x => x <= 0)} is not positive.") : CheckResult.Pass),
            new("Small", xs => xs.Any(x => x > 100) ? CheckResult.Fail("TooLarge", "A value is above 100.") : CheckResult.Pass),
        ]);

    [Fact]
    public void The_first_failing_check_gives_reason_and_message()
    {
        var verdict = Chain.Evaluate([5, -3, 500]);
        verdict.Ready.Should().BeFalse();
        verdict.Reason.Should().Be("NotPositive");
        verdict.Message.Should().Be("-3 is not positive.");
        verdict.FailedCheck.Should().Be("Positive");
    }

    [Fact]
    public void When_every_check_passes_the_chain_is_ready()
    {
        var verdict = Chain.Evaluate([1, 2, 3]);
        verdict.Should().Be(new ReadinessVerdict(true, "AllGood", "Every check passed.", null));
    }

    [Fact]
    public void Checks_run_in_order()
    {
        Chain.Evaluate([]).Reason.Should().Be("Empty");
        Chain.Evaluate([101]).Reason.Should().Be("TooLarge");
        Chain.Checks.Select(c => c.Name).Should().Equal("NotEmpty", "Positive", "Small");
    }
}

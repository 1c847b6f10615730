using IcOperator.Orchestration;

namespace IcOperator.Tests.Orchestration;

public sealed class SemanticVersionTests
{
    [Fact]
    public void Versions_order_by_semver_precedence()
    {
        // The ordering example from semver.org §11.
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0"];
        for (var i = 0; i < ordered.Length - 1; i++)
        {
            SemanticVersion.Compare(ordered[i], ordered[i + 1]).Should().BeNegative($"{ordered[i]} < {ordered[i + 1]}");
            SemanticVersion.Compare(ordered[i + 1], ordered[i]).Should().BePositive();
        }

        SemanticVersion.Compare("1.0.0+build.1", "1.0.0+build.2").Should().Be(0, "build metadata does not count");
        SemanticVersion.Highest(["0.9.2", "0.10.0", "0.10.0-rc.1"]).Should().Be("0.10.0");
        SemanticVersion.Highest([]).Should().BeNull();
    }
}

using Xunit.Abstractions;

namespace IcOperator.Candid.Tests.Conformance;

/// <summary>Runs every assertion of the official Candid test suite (tests/vectors/candid/*.test.did).</summary>
public sealed class OfficialSuiteTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Assertions()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in SuiteFile.Names)
        {
            var assertions = SuiteFile.Load(file);
            for (var i = 0; i < assertions.Count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Assertions))]
    public void Assertion_holds(string file, int index)
    {
        var assertion = SuiteFile.Load(file)[index];
        var failure = SuiteRunner.Run(assertion);
        failure.Should().BeNull(because: assertion.ToString());
    }

    [Fact]
    public void Every_file_parses_into_the_expected_number_of_assertions()
    {
        // The vectors' README counts lines starting with "assert"; four of subtypes.test.did's are in its header comment.
        var expected = new Dictionary<string, int>
        {
            ["prim.test.did"] = 168,
            ["construct.test.did"] = 164,
            ["reference.test.did"] = 50,
            ["subtypes.test.did"] = 58,
            ["overshoot.test.did"] = 10,
            ["spacebomb.test.did"] = 17,
        };
        foreach (var file in SuiteFile.Names)
        {
            var assertions = SuiteFile.Load(file);
            var failed = assertions.Select(SuiteRunner.Run).Count(f => f is not null);
            output.WriteLine($"{file}: {assertions.Count - failed} of {assertions.Count} assertions pass");
            assertions.Should().HaveCount(expected[file], because: $"{file} has that many assert lines");
        }
    }
}

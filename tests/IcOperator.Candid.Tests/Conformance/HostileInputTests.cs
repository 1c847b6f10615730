using Xunit.Abstractions;

namespace IcOperator.Candid.Tests.Conformance;

public sealed class HostileInputTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> BombsAndOvershoots()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "overshoot.test.did", "spacebomb.test.did" })
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
    [MemberData(nameof(BombsAndOvershoots))]
    public void Hostile_vector_is_refused_by_a_bound_before_any_large_allocation(string file, int index)
    {
        var a = SuiteFile.Load(file)[index];
        a.Kind.Should().Be(SuiteAssertionKind.Fails);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var act = () => CandidDecoder.Decode(a.Left.Bytes, a.Types);
        var error = act.Should().Throw<CandidException>().Which.Message;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{a}: {error} ({allocated} bytes allocated)");
        error.Should().MatchRegex("overshoots|remain|exceeds the limit|more than \\d+ values|deeper than|at most \\d+", because: a.ToString());
        allocated.Should().BeLessThan(64L << 20, because: "a bound must stop the decoder before it builds the bomb");
    }
}

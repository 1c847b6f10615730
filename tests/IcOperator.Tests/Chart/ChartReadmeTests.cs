using IcOperator.Testing;

namespace IcOperator.Tests.Chart;

/// <summary>The chart README documents exactly the values values.yaml has.</summary>
public sealed class ChartReadmeTests
{
    private const string Begin = "<!-- values table: generated from values.yaml by ChartReadmeTests -->";
    private const string End = "<!-- end of values table -->";

    private static string Values => File.ReadAllText(Path.Combine(ChartCluster.ChartDirectory, "values.yaml"));

    [Fact]
    public void Readme_values_table_matches_values_yaml()
    {
        var readme = File.ReadAllText(Path.Combine(ChartCluster.ChartDirectory, "README.md"));
        readme.Should().Contain(Begin).And.Contain(End);
        var start = readme.IndexOf(Begin, StringComparison.Ordinal) + Begin.Length;
        var table = readme[start..readme.IndexOf(End, StringComparison.Ordinal)];

        var expected = ValuesTable.Render(ValuesTable.Rows(Values));
        table.Trim().Should().Be(expected.Trim(), "the table between the markers in charts/ic-operator/README.md is values.yaml's `# --` comments; replace it with the expected text");
    }

    [Fact]
    public void Every_value_is_documented()
    {
        var documented = ValuesTable.Rows(Values).Select(r => r.Key).ToList();

        ValuesTable.Leaves(Values).Where(leaf => !documented.Any(key => leaf == key || leaf.StartsWith(key + ".", StringComparison.Ordinal)))
            .Should().BeEmpty("every value needs a `# --` comment in values.yaml");
    }
}

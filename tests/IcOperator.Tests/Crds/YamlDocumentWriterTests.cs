using IcOperator.Crds;

namespace IcOperator.Tests.Crds;

public sealed class YamlDocumentWriterTests
{
    [Theory]
    [InlineData("plain words")]
    [InlineData("true")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("123")]
    [InlineData("1.5")]
    [InlineData("2T")]
    [InlineData("-dash first")]
    [InlineData("key: value")]
    [InlineData("a # not a comment")]
    [InlineData("say \"hi\"")]
    [InlineData("back\\slash")]
    [InlineData("two\nlines")]
    [InlineData("tab\there")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[x]")]
    [InlineData("*anchor")]
    [InlineData("it's fine.")]
    public void Strings_read_back_unchanged(string text)
    {
        var yaml = YamlDocumentWriter.Write(new Dictionary<string, object?> { ["value"] = text, [text] = "key" });
        var parsed = (Dictionary<string, object?>)YamlTree.Parse(yaml)!;
        parsed["value"].Should().Be(text);
        parsed[text].Should().Be("key");
    }

    [Fact]
    public void Nested_maps_and_lists_read_back_with_their_types()
    {
        var document = new Dictionary<string, object?>
        {
            ["list"] = new List<object?>
            {
                new Dictionary<string, object?> { ["a"] = 1, ["b"] = new List<object?> { "x", "y" } },
                new List<object?> { true, false },
                "scalar",
            },
            ["empty"] = new Dictionary<string, object?>(),
            ["none"] = new List<object?>(),
            ["big"] = 9_007_199_254_740_993L,
        };
        var parsed = YamlTree.Parse(YamlDocumentWriter.Write(document));
        parsed.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["list"] = new List<object?>
            {
                new Dictionary<string, object?> { ["a"] = 1L, ["b"] = new List<object?> { "x", "y" } },
                new List<object?> { true, false },
                "scalar",
            },
            ["empty"] = new Dictionary<string, object?>(),
            ["none"] = new List<object?>(),
            ["big"] = 9_007_199_254_740_993L,
        }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Unsupported_values_are_refused_with_their_type()
    {
        var act = () => YamlDocumentWriter.Write(new Dictionary<string, object?> { ["x"] = 1.5 });
        act.Should().Throw<ArgumentException>().WithMessage("*Double*");
    }
}

using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Discovery;
using IcOperator.Emulators.Kube.Errors;
using IcOperator.Emulators.Kube.Selection;
using IcOperator.Emulators.Kube.Tables;
using IcOperator.Emulators.Kube.Yaml;

namespace IcOperator.Emulators.Tests.Kube;

/// <summary>The pure pieces behind the server: selectors, JSONPath, ages, YAML typing, version order.</summary>
public sealed class KubeUnitTests
{
    private static JsonObject Labelled(string json) => new() { ["metadata"] = new JsonObject { ["labels"] = JsonNode.Parse(json) } };

    [Theory]
    [InlineData("app=web", """{"app":"web"}""", true)]
    [InlineData("app==web,tier", """{"app":"web","tier":"x"}""", true)]
    [InlineData("app=web,tier", """{"app":"web"}""", false)]
    [InlineData("app!=web", """{}""", true)]
    [InlineData("app in (a, b),env notin (prod)", """{"app":"b","env":"dev"}""", true)]
    [InlineData("app in (a,b)", """{"app":"c"}""", false)]
    [InlineData("!legacy", """{"legacy":"1"}""", false)]
    [InlineData("app.kubernetes.io/name=counter", """{"app.kubernetes.io/name":"counter"}""", true)]
    public void Label_selectors_match_as_kubernetes_defines_them(string selector, string labels, bool matches) =>
        LabelSelector.Parse(selector).Matches(Labelled(labels)).Should().Be(matches);

    [Fact]
    public void A_malformed_label_selector_is_a_bad_request()
    {
        var parse = () => LabelSelector.Parse("app in a,b");
        parse.Should().Throw<KubeApiException>().Which.Code.Should().Be(400);
    }

    [Theory]
    [InlineData(".status.phase", "Ready")]
    [InlineData("{.status.phase}", "Ready")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "True")]
    [InlineData(".status.conditions[?(@.type=='Stalled')].reason", "HashMismatch")]
    [InlineData(".spec.versions[*].version", "1.0.0,1.1.0")]
    [InlineData(".spec.versions[-1].version", "1.1.0")]
    [InlineData(".metadata.labels['app.kubernetes.io/name']", "counter")]
    [InlineData(".status.missing", "")]
    public void Printer_column_paths_find_what_kubectl_would(string path, string expected)
    {
        var obj = JsonNode.Parse("""
            {"metadata":{"labels":{"app.kubernetes.io/name":"counter"}},
             "spec":{"versions":[{"version":"1.0.0"},{"version":"1.1.0"}]},
             "status":{"phase":"Ready","conditions":[{"type":"Ready","status":"True"},{"type":"Stalled","status":"False","reason":"HashMismatch"}]}}
            """);
        string.Join(",", SimpleJsonPath.Find(obj, path).Select(n => n?.ToString())).Should().Be(expected);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(125, "2m5s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 5 * 60, "3h5m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(40 * 86400, "40d")]
    [InlineData(3 * 365 * 86400, "3y")]
    public void Ages_read_as_kubectl_prints_them(int seconds, string expected) =>
        TableBuilder.HumanDuration(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Fact]
    public void Yaml_scalars_follow_the_core_schema()
    {
        var node = YamlJson.Parse("""
            quoted: "1.0"
            plain: 1
            real: 2.5
            yes: true
            none: null
            text: 1.0.0
            tagged: !!str 42
            """)!;
        node.ToJsonString().Should().Be("""{"quoted":"1.0","plain":1,"real":2.5,"yes":true,"none":null,"text":"1.0.0","tagged":"42"}""");
        YamlJson.ParseAll("a: 1\n---\nb: 2\n---\n").Should().HaveCount(2);
    }

    [Fact]
    public void Versions_sort_with_GA_first_then_beta_then_alpha()
    {
        VersionPriority.Sort(["v1alpha1", "v1beta2", "v1", "v2beta1", "v2", "v1beta1", "foo"])
            .Should().Equal("v2", "v1", "v2beta1", "v1beta2", "v1beta1", "v1alpha1", "foo");
    }

    [Theory]
    [InlineData("2026-11-20T22:00:00Z", true)]
    [InlineData("2026-11-20T22:00:00.123456+01:00", true)]
    [InlineData("2026-11-20T22:00:00+0100", true)]
    [InlineData("2026-11-20 22:00:00", true)]
    [InlineData("2026-11-20T22:00", true)]
    [InlineData("2026-02-30T22:00:00Z", false)]
    [InlineData("2026-11-20", false)]
    [InlineData("yesterday", false)]
    public void Date_time_fields_accept_the_layouts_the_api_server_accepts(string value, bool valid)
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"at":{"type":"string","format":"date-time"}}}""")!.AsObject();
        var outcome = IcOperator.Emulators.Kube.Schema.StructuralSchema.Apply(new JsonObject { ["at"] = value }, schema);
        outcome.Causes.Should().HaveCount(valid ? 0 : 1);
    }
}

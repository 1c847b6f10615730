using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Testing;
using IcOperator.Tests.Crds;

namespace IcOperator.Tests.Argocd;

/// <summary>
/// Our Argo CD health checks and actions, run in the real Lua 5.1 on every case of their
/// <c>health_test.yaml</c> and <c>actions/action_test.yaml</c> (Argo CD's own layout and format).
/// </summary>
public sealed class ArgoCdCustomizationTests
{
    private static readonly string[] Kinds = ["IcNetwork", "WasmTemplate", "CanisterDeployment", "PackageInstallation"];

    public static TheoryData<string, string, string, string> HealthCases()
    {
        var cases = new TheoryData<string, string, string, string>();
        foreach (var kind in Kinds)
        {
            foreach (var test in List(Path.Combine(ArgoLua.Customizations, kind, "health_test.yaml"), "tests"))
            {
                var expected = (Dictionary<string, object?>)test["healthStatus"]!;
                cases.Add(kind, (string)test["inputPath"]!, (string)expected["status"]!, (string)expected["message"]!);
            }
        }

        return cases;
    }

    public static TheoryData<string, string, string> DiscoveryCases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var kind in Kinds)
        {
            foreach (var test in List(Path.Combine(ArgoLua.Customizations, kind, "actions", "action_test.yaml"), "discoveryTests"))
            {
                var offered = ((List<object?>)test["result"]!).Cast<Dictionary<string, object?>>()
                    .ToDictionary(a => (string)a["name"]!, a => (object?)new Dictionary<string, object?> { ["disabled"] = a["disabled"] });
                cases.Add(kind, (string)test["inputPath"]!, JsonSerializer.Serialize(offered));
            }
        }

        return cases;
    }

    public static TheoryData<string, string, string, string> ActionCases()
    {
        var cases = new TheoryData<string, string, string, string>();
        foreach (var kind in Kinds)
        {
            foreach (var test in List(Path.Combine(ArgoLua.Customizations, kind, "actions", "action_test.yaml"), "actionTests"))
            {
                cases.Add(kind, (string)test["action"]!, (string)test["inputPath"]!, (string)test["expectedOutputPath"]!);
            }
        }

        return cases;
    }

    [RequiresToolTheory("lua5.1")]
    [MemberData(nameof(HealthCases))]
    public async Task Health_check_gives_the_expected_status(string kind, string inputPath, string status, string message)
    {
        var directory = Path.Combine(ArgoLua.Customizations, kind);

        var health = await ArgoLua.HealthAsync(directory, ArgoLua.ReadYaml(Path.Combine(directory, inputPath)));

        health.Should().Be((status, message));
    }

    [Fact]
    public void Every_kind_has_the_cases_the_health_check_must_tell_apart()
    {
        foreach (var kind in Kinds)
        {
            var cases = HealthCases().Where(c => (string)c[0] == kind).ToList();
            cases.Select(c => (string)c[2]).Should().Contain(["Healthy", "Progressing", "Degraded"], kind);
            cases.Select(c => (string)c[1]).Should().Contain(
                ["testdata/ready.yaml", "testdata/reconciling.yaml", "testdata/stalled.yaml", "testdata/stale-generation.yaml", "testdata/no-status.yaml"], kind);
        }

        HealthCases().Should().Contain(c => (string)c[0] == "CanisterDeployment" && (string)c[2] == "Suspended");
    }

    [RequiresToolTheory("lua5.1")]
    [MemberData(nameof(DiscoveryCases))]
    public async Task Discovery_offers_the_expected_actions(string kind, string inputPath, string expected)
    {
        var directory = Path.Combine(ArgoLua.Customizations, kind);

        var offered = await ArgoLua.DiscoverAsync(directory, ArgoLua.ReadYaml(Path.Combine(directory, "actions", inputPath)));

        JsonNode.DeepEquals(JsonNode.Parse(offered), JsonNode.Parse(expected)).Should().BeTrue($"offered {offered}, expected {expected}");
    }

    [RequiresToolTheory("lua5.1")]
    [MemberData(nameof(ActionCases))]
    public async Task Action_produces_the_expected_object(string kind, string action, string inputPath, string expectedOutputPath)
    {
        var directory = Path.Combine(ArgoLua.Customizations, kind, "actions");
        var expected = JsonSerializer.Serialize(ArgoLua.ReadYaml(Path.Combine(directory, expectedOutputPath)));

        // The clock is pinned to the epoch, which the expected reconcile-requested-at values hold.
        var output = await ArgoLua.ActAsync(Path.Combine(ArgoLua.Customizations, kind), action, ArgoLua.ReadYaml(Path.Combine(directory, inputPath)), clock: 0);

        JsonNode.DeepEquals(JsonNode.Parse(output), JsonNode.Parse(expected)).Should().BeTrue($"output {output}\nexpected {expected}");
    }

    [RequiresToolFact("lua5.1")]
    public async Task Reconcile_request_is_stamped_with_the_current_time_in_rfc_3339()
    {
        var directory = Path.Combine(ArgoLua.Customizations, "CanisterDeployment");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var output = JsonNode.Parse(await ArgoLua.ActAsync(directory, "reconcile", ArgoLua.ReadYaml(Path.Combine(directory, "actions", "testdata", "ready.yaml")), clock: null))!;

        var stamp = (string)output["metadata"]!["annotations"]!["ic-operator.dev/reconcile-requested-at"]!;
        stamp.Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$");
        DateTimeOffset.Parse(stamp, System.Globalization.CultureInfo.InvariantCulture).Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void Kinds_share_one_health_script_and_one_reconcile_action()
    {
        string Read(string kind, params string[] path) => File.ReadAllText(Path.Combine([ArgoLua.Customizations, kind, .. path]));

        foreach (var kind in Kinds.Skip(1))
        {
            Read(kind, "health.lua").Should().Be(Read(Kinds[0], "health.lua"), kind);
            Read(kind, "actions", "discovery.lua").Should().Be(Read(Kinds[0], "actions", "discovery.lua"), kind);
            Read(kind, "actions", "reconcile", "action.lua").Should().Be(Read(Kinds[0], "actions", "reconcile", "action.lua"), kind);
        }
    }

    [Fact]
    public void Argocd_cm_snippet_holds_the_same_scripts()
    {
        var configMap = (Dictionary<string, object?>)YamlTree.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "config", "argocd", "argocd-cm.yaml")))!;
        var data = (Dictionary<string, object?>)configMap["data"]!;

        foreach (var kind in Kinds)
        {
            var directory = Path.Combine(ArgoLua.Customizations, kind);
            data[$"resource.customizations.health.ic-operator.dev_{kind}"].Should().Be(File.ReadAllText(Path.Combine(directory, "health.lua")), kind);

            var actions = (Dictionary<string, object?>)YamlTree.Parse((string)data[$"resource.customizations.actions.ic-operator.dev_{kind}"]!)!;
            actions["discovery.lua"].Should().Be(File.ReadAllText(Path.Combine(directory, "actions", "discovery.lua")), kind);
            var definitions = ((List<object?>)actions["definitions"]!).Cast<Dictionary<string, object?>>().ToList();
            var onDisk = Directory.GetDirectories(Path.Combine(directory, "actions")).Select(Path.GetFileName).Where(n => n != "testdata");
            definitions.Select(d => (string)d["name"]!).Should().BeEquivalentTo(onDisk, kind);
            foreach (var definition in definitions)
            {
                definition["action.lua"].Should().Be(File.ReadAllText(Path.Combine(directory, "actions", (string)definition["name"]!, "action.lua")), $"{kind} {definition["name"]}");
            }
        }
    }

    private static IEnumerable<Dictionary<string, object?>> List(string file, string key) =>
        ((List<object?>)((Dictionary<string, object?>)YamlTree.Parse(File.ReadAllText(file))!)[key]!).Cast<Dictionary<string, object?>>();
}

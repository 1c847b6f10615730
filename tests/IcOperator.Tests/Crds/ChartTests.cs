using System.Text.RegularExpressions;
using IcOperator.Testing;

namespace IcOperator.Tests.Crds;

/// <summary>What can be checked of the Helm chart without Helm: RBAC, the Deployment's hardening and its flags (HelmChartTests runs Helm).</summary>
public sealed class ChartTests
{
    private static readonly string Chart = Path.Combine(TestPaths.RepoRoot, "charts", "ic-operator");

    [Fact]
    public void Cluster_role_rules_equal_config_rbac()
    {
        static object? Rules(string yaml) => ((Dictionary<string, object?>)YamlTree.Parse(yaml)!)["rules"];
        var template = File.ReadAllText(Path.Combine(Chart, "templates", "role.yaml"));
        var rulesOnly = template[template.IndexOf("rules:", StringComparison.Ordinal)..];
        Rules(rulesOnly).Should().BeEquivalentTo(Rules(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "config", "rbac", "role.yaml"))), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Deployment_has_a_read_only_root_and_the_wasm_cache_on_an_empty_dir()
    {
        var deployment = File.ReadAllText(Path.Combine(Chart, "templates", "deployment.yaml"));
        deployment.Should().Contain("readOnlyRootFilesystem: true");
        deployment.Should().Contain("runAsNonRoot: true");
        Regex.IsMatch(deployment, @"name: IC_OPERATOR_WASM_CACHE\s+value: (?<path>\S+)").Should().BeTrue();
        var path = Regex.Match(deployment, @"name: IC_OPERATOR_WASM_CACHE\s+value: (?<path>\S+)").Groups["path"].Value;
        Regex.IsMatch(deployment, $@"- name: wasm-cache\s+mountPath: {Regex.Escape(path)}").Should().BeTrue("the cache directory is mounted");
        Regex.IsMatch(deployment, @"- name: wasm-cache\s+emptyDir:").Should().BeTrue("the cache is an emptyDir");
        deployment.Should().Contain("path: /healthz").And.Contain("path: /readyz");
    }

    [Fact]
    public void Deployment_args_are_flags_of_the_run_command_the_image_starts()
    {
        File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Dockerfile")).Should().Contain("\"run\"]", "the image's entrypoint runs `ic-operator run`");
        var deployment = File.ReadAllText(Path.Combine(Chart, "templates", "deployment.yaml"));
        var flags = Regex.Matches(deployment, @"^\s+- (--[a-z-]+)=", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        flags.Should().NotBeEmpty();
        var run = IcOperator.Cli.OperatorCli.Build().Subcommands.Single(c => c.Name == "run");
        flags.Should().BeSubsetOf(run.Options.Select(o => o.Name));
    }
}

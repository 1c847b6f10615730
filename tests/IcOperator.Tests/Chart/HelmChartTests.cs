using IcOperator.Testing;

namespace IcOperator.Tests.Chart;

/// <summary>The chart driven by the real Helm 4 and kubectl against the Kubernetes API emulator.</summary>
public sealed class HelmChartTests(ChartCluster cluster) : IClassFixture<ChartCluster>
{
    public static TheoryData<string> ValueSets => new() { "default", "all-features" };

    private static string[] ValuesArguments(string valueSet) =>
        valueSet == "all-features" ? ["-f", ChartCluster.AllFeaturesValues] : [];

    [RequiresToolTheory("helm")]
    [MemberData(nameof(ValueSets))]
    public async Task Lint_is_clean_in_strict_mode(string valueSet)
    {
        var lint = (await ChartCluster.HelmOfflineAsync(["lint", "--strict", ".", .. ValuesArguments(valueSet)])).ShouldSucceed();

        lint.Stdout.Should().Contain("1 chart(s) linted, 0 chart(s) failed");
        lint.Stdout.Should().NotContain("[WARNING]").And.NotContain("[ERROR]");
    }

    [RequiresToolTheory("helm")]
    [MemberData(nameof(ValueSets))]
    public async Task Rendered_manifests_pass_a_server_side_dry_run_and_leave_nothing_behind(string valueSet)
    {
        var ns = $"dry-{valueSet}";
        await cluster.EnsureNamespacesAsync(ns, "monitoring", "apps");
        var manifests = (await ChartCluster.HelmOfflineAsync(["template", "ic-operator", ".", "--namespace", ns, "--include-crds", .. ValuesArguments(valueSet)])).ShouldSucceed().Stdout;

        var apply = (await cluster.KubectlAsync(manifests, "apply", "--dry-run=server", "--validate=strict", "-f", "-")).ShouldSucceed();

        var expected = valueSet == "all-features"
            ? new[] { "deployment.apps/ic-operator", "role.rbac.authorization.k8s.io/ic-operator", "rolebinding.rbac.authorization.k8s.io/ic-operator", "servicemonitor.monitoring.coreos.com/ic-operator", "prometheusrule.monitoring.coreos.com/ic-operator", "configmap/ic-operator-dashboard", "networkpolicy.networking.k8s.io/ic-operator", "poddisruptionbudget.policy/ic-operator" }
            : new[] { "deployment.apps/ic-operator", "serviceaccount/ic-operator", "service/ic-operator-metrics", "clusterrole.rbac.authorization.k8s.io/ic-operator", "clusterrolebinding.rbac.authorization.k8s.io/ic-operator", "role.rbac.authorization.k8s.io/ic-operator-leader-election", "poddisruptionbudget.policy/ic-operator" };
        foreach (var name in expected)
        {
            apply.Stdout.Should().Contain($"{name} created (server dry run)");
        }

        apply.Stdout.Should().MatchRegex(@"customresourcedefinition\.apiextensions\.k8s\.io/canisterdeployments\.ic-operator\.dev \w+ \(server dry run\)");
        (await cluster.KubectlAsync(null, "get", "deployments,services,serviceaccounts,poddisruptionbudgets,roles", "-n", ns, "-o", "name")).ShouldSucceed().Stdout
            .Should().NotContain("ic-operator", "a dry run persists nothing");
        (await cluster.KubectlAsync(null, "get", "clusterroles", "-o", "name")).ShouldSucceed().Stdout
            .Should().NotContain("clusterrole.rbac.authorization.k8s.io/ic-operator");
    }

    [RequiresToolFact("helm")]
    public async Task Install_upgrade_with_every_feature_and_uninstall()
    {
        const string ns = "ic-operator-system";
        await cluster.EnsureNamespacesAsync("monitoring", "apps");

        var install = (await cluster.HelmAsync("install", "ops", ".", "--namespace", ns, "--create-namespace")).ShouldSucceed();
        install.Stdout.Should().Contain("STATUS: deployed").And.Contain("IC Operator 0.1.0 is installed in namespace ic-operator-system.");
        (await cluster.KubectlAsync(null, "get", "deployment", "ops-ic-operator", "-n", ns, "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].args}")).ShouldSucceed().Stdout
            .Should().StartWith("1 ").And.Contain("--leader-elect=true");
        (await cluster.KubectlAsync(null, "get", "crd", "canisterdeployments.ic-operator.dev", "-o", "name")).ShouldSucceed();

        (await cluster.HelmAsync("upgrade", "ops", ".", "--namespace", ns, "-f", ChartCluster.AllFeaturesValues)).ShouldSucceed().Stdout
            .Should().Contain("REVISION: 2");
        (await cluster.KubectlAsync(null, "get", "deployment", "ops-ic-operator", "-n", ns, "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].args}")).ShouldSucceed().Stdout
            .Should().StartWith("2 ").And.Contain("--namespace=apps");
        (await cluster.KubectlAsync(null, "get", "prometheusrules,servicemonitors,networkpolicies", "-n", ns, "-o", "name")).ShouldSucceed().Stdout
            .Should().Contain("prometheusrule.monitoring.coreos.com/ops-ic-operator")
            .And.Contain("servicemonitor.monitoring.coreos.com/ops-ic-operator")
            .And.Contain("networkpolicy.networking.k8s.io/ops-ic-operator");
        (await cluster.KubectlAsync(null, "get", "configmap", "ops-ic-operator-dashboard", "-n", "monitoring", "-o", "jsonpath={.metadata.labels.grafana_dashboard}")).ShouldSucceed().Stdout
            .Should().Be("1");
        // Watching one namespace, the operator's rights move from a ClusterRole to a Role in that namespace.
        (await cluster.KubectlAsync(null, "get", "roles,rolebindings", "-n", "apps", "-o", "name")).ShouldSucceed().Stdout
            .Should().Contain("role.rbac.authorization.k8s.io/ops-ic-operator").And.Contain("rolebinding.rbac.authorization.k8s.io/ops-ic-operator");
        (await cluster.KubectlAsync(null, "get", "clusterroles", "-o", "name")).ShouldSucceed().Stdout.Should().NotContain("clusterrole.rbac.authorization.k8s.io/ops-ic-operator");
        (await cluster.HelmAsync("list", "--namespace", ns)).ShouldSucceed().Stdout.Should().MatchRegex(@"ops\s+ic-operator-system\s+2\s+.*deployed");

        (await cluster.HelmAsync("uninstall", "ops", "--namespace", ns)).ShouldSucceed();
        (await cluster.KubectlAsync(null, "get", "deployments,services,prometheusrules", "-n", ns, "-o", "name")).ShouldSucceed().Stdout.Should().BeEmpty();
        (await cluster.KubectlAsync(null, "get", "configmaps", "-n", "monitoring", "-o", "name")).ShouldSucceed().Stdout.Should().NotContain("ops-ic-operator-dashboard");
        (await cluster.KubectlAsync(null, "get", "secrets", "-n", ns, "-l", "owner=helm", "-o", "name")).ShouldSucceed().Stdout.Should().BeEmpty("the release records are purged");
        // Helm never deletes the CRDs it installed from crds/: that would delete every resource of those kinds.
        (await cluster.KubectlAsync(null, "get", "crd", "canisterdeployments.ic-operator.dev", "-o", "name")).ShouldSucceed();
    }

    [RequiresToolTheory("helm")]
    [InlineData("replicaCount=two", "- at '/replicaCount': got string, want integer")]
    [InlineData("replicas=2", "- at '': additional properties 'replicas' not allowed")]
    [InlineData("metrics.serviceMonitor.interval=soon", "- at '/metrics/serviceMonitor/interval'")]
    [InlineData("image.pullPolicy=Sometimes", "- at '/image/pullPolicy'")]
    public async Task The_schema_refuses_bad_values_with_helms_message(string value, string message)
    {
        var render = await ChartCluster.HelmOfflineAsync("template", "ic-operator", ".", "--set", value);

        render.ExitCode.Should().NotBe(0);
        render.Stderr.Should().Contain("values don't meet the specifications of the schema(s) in the following chart(s):").And.Contain(message);
    }

    [RequiresToolFact("helm")]
    public async Task Several_replicas_without_leader_election_are_refused()
    {
        var render = await ChartCluster.HelmOfflineAsync("template", "ic-operator", ".", "--set", "replicaCount=3", "--set", "leaderElection.enabled=false");

        render.ExitCode.Should().NotBe(0);
        render.Stderr.Should().Contain("leaderElection.enabled: false needs replicaCount: 1 (found 3)");
    }
}

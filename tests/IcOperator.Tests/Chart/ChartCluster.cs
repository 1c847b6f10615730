using IcOperator.Emulators.Kube;
using IcOperator.Testing;

namespace IcOperator.Tests.Chart;

/// <summary>
/// One Kubernetes API emulator for the chart tests, with the Prometheus Operator's CRDs installed (the
/// chart's own CRDs come from the chart), a kubeconfig for helm and kubectl, and a private HOME so
/// Helm's caches and settings stay out of the user's.
/// </summary>
public sealed class ChartCluster : IAsyncLifetime
{
    private KubeApiEmulator? _emulator;
    private DirectoryInfo? _home;

    public static string ChartDirectory { get; } = Path.Combine(TestPaths.RepoRoot, "charts", "ic-operator");

    public static string AllFeaturesValues { get; } = Path.Combine(ChartDirectory, "ci", "all-features-values.yaml");

    public KubeApiEmulator Emulator => _emulator ?? throw new InvalidOperationException("not started");

    public string Kubeconfig => Path.Combine(Home, "kubeconfig");

    private string Home => _home?.FullName ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _home = Directory.CreateTempSubdirectory("chart-tests-");
        _emulator = await KubeApiEmulator.StartAsync();
        _emulator.WriteKubeconfig(Kubeconfig);
        _emulator.LoadCrds(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "tests", "IcOperator.Tests", "Chart", "Fixtures", "monitoring.coreos.com-crds.yaml")));
    }

    internal Task<ToolResult> HelmAsync(params string[] arguments) =>
        ToolRun.RunAsync(PeerTools.Helm!, [.. arguments, "--kubeconfig", Kubeconfig], ChartDirectory, environment: Environment());

    /// <summary><c>helm</c> without a cluster: lint and template read only the chart.</summary>
    internal static Task<ToolResult> HelmOfflineAsync(params string[] arguments) =>
        ToolRun.RunAsync(PeerTools.Helm!, arguments, ChartDirectory);

    internal Task<ToolResult> KubectlAsync(string? stdin, params string[] arguments) =>
        ToolRun.RunAsync(PeerTools.KubectlWithHelm!, [.. arguments, "--kubeconfig", Kubeconfig, "--cache-dir", Path.Combine(Home, "kube-cache")], stdin: stdin, environment: Environment());

    /// <summary>Creates the namespaces that do not exist yet (apply is idempotent, create is not).</summary>
    public async Task EnsureNamespacesAsync(params string[] names)
    {
        var manifests = string.Join("---\n", names.Select(n => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {n}\n"));
        (await KubectlAsync(manifests, "apply", "-f", "-")).ShouldSucceed();
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _home?.Delete(recursive: true);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = Home,
        ["HELM_CACHE_HOME"] = Path.Combine(Home, "helm-cache"),
        ["HELM_CONFIG_HOME"] = Path.Combine(Home, "helm-config"),
        ["HELM_DATA_HOME"] = Path.Combine(Home, "helm-data"),
    };
}

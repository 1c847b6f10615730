using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IcOperator.Emulators.Kube;
using IcOperator.Emulators.Kube.Yaml;
using IcOperator.Testing;

namespace IcOperator.Emulators.Tests.Kube;

/// <summary>
/// kubectl on the repository's own CRDs and samples (<c>config/crd</c>, <c>config/samples</c>) when the
/// operator has generated them, else on the fixtures: every sample applies, shows its printer columns,
/// round-trips as YAML, waits for Ready and deletes.
/// </summary>
public sealed class KubectlSampleTests : IAsyncLifetime, IDisposable
{
    private static readonly bool UseRepository = KubeFixtures.RepoCrds is not null && KubeFixtures.RepoSamples is not null;

    private KubeApiEmulator? _emulator;
    private KubeHttp? _http;
    private Kubectl? _kubectl;

    private static string CrdDirectory => UseRepository ? KubeFixtures.RepoCrds! : KubeFixtures.FixtureCrds;

    private static string SampleDirectory => UseRepository ? KubeFixtures.RepoSamples! : KubeFixtures.FixtureSamples;

    private KubeApiEmulator Emulator => _emulator!;

    private KubeHttp Http => _http!;

    private Kubectl Cli => _kubectl!;

    public async Task InitializeAsync()
    {
        _emulator = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { CrdDirectory = CrdDirectory });
        _http = new KubeHttp(_emulator);
        _kubectl = new Kubectl(_emulator);
    }

    public void Dispose()
    {
        _kubectl?.Dispose();
        _kubectl = null;
        _http?.Dispose();
        _http = null;
    }

    public async Task DisposeAsync()
    {
        Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    private static List<JsonObject> Documents(string directory) =>
        Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(f => YamlJson.ParseAll(File.ReadAllText(f)).OfType<JsonObject>()).ToList();

    private static List<JsonObject> Crds => Documents(CrdDirectory).Where(d => d["kind"]?.GetValue<string>() == "CustomResourceDefinition").ToList();

    private static IEnumerable<JsonObject> CustomSamples =>
        Documents(SampleDirectory).Where(d => Crds.Any(c => c["spec"]!["group"]!.GetValue<string>() == d["apiVersion"]!.GetValue<string>().Split('/')[0]));

    private static string Resource(JsonObject sample) =>
        $"{sample["kind"]!.GetValue<string>().ToLowerInvariant()}.{sample["apiVersion"]!.GetValue<string>().Split('/')[0]}";

    private static string SampleName(JsonObject sample) => sample["metadata"]!["name"]!.GetValue<string>();

    [RequiresToolFact("kubectl")]
    public async Task Every_crd_is_served_and_explained()
    {
        var crds = Crds;
        crds.Should().NotBeEmpty();
        foreach (var crd in crds)
        {
            var kind = crd["spec"]!["names"]!["kind"]!.GetValue<string>();
            var group = crd["spec"]!["group"]!.GetValue<string>();
            var version = crd["spec"]!["versions"]![0]!["name"]!.GetValue<string>();
            var explained = (await Cli.RunAsync($"explain {kind.ToLowerInvariant()}.spec --api-version={group}/{version}")).ShouldSucceed().Stdout;
            explained.Should().Contain($"KIND:       {kind}").And.Contain("FIELD: spec <Object>");
            (await Cli.RunAsync($"get {kind.ToLowerInvariant()}.{group} -A")).ShouldSucceed();
        }
    }

    [RequiresToolFact("kubectl")]
    public async Task Samples_apply_get_wait_and_delete()
    {
        var samples = CustomSamples.ToList();
        samples.Should().NotBeEmpty($"{SampleDirectory} should hold samples of our kinds");

        var applied = (await Cli.RunAsync($"apply -f {SampleDirectory}")).ShouldSucceed().Stdout;
        foreach (var sample in samples)
        {
            applied.Should().Contain($"{Resource(sample)}/{SampleName(sample)} created");
        }

        (await Cli.RunAsync($"apply --server-side -f {SampleDirectory}")).ShouldSucceed().Stdout.Should().Contain("serverside-applied");

        foreach (var sample in samples)
        {
            var resource = Resource(sample);
            var name = SampleName(sample);
            var ns = sample["metadata"]!["namespace"]?.GetValue<string>() ?? "default";
            var crd = Crds.Single(c => c["spec"]!["names"]!["kind"]!.GetValue<string>() == sample["kind"]!.GetValue<string>());
            var version = sample["apiVersion"]!.GetValue<string>().Split('/')[1];
            var declared = crd["spec"]!["versions"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == version)!["additionalPrinterColumns"]?.AsArray()
                .Select(c => (Name: c!["name"]!.GetValue<string>().ToUpperInvariant(), Priority: c["priority"]?.GetValue<long>() ?? 0)).ToList() ?? [("AGE", 0)];
            var columns = declared.Where(c => c.Priority == 0).Select(c => c.Name).ToList();

            var table = (await Cli.RunAsync($"get {resource} {name} -n {ns}")).ShouldSucceed().Stdout.Split('\n')[0];
            Regex.Split(table.Trim(), @"\s{2,}").Should().Equal(["NAME", .. columns]);
            var wide = (await Cli.RunAsync($"get {resource} {name} -n {ns} -o wide")).ShouldSucceed().Stdout.Split('\n')[0];
            Regex.Split(wide.Trim(), @"\s{2,}").Should().Equal(["NAME", .. declared.Select(c => c.Name)]);

            var yaml = (await Cli.RunAsync($"get {resource} {name} -n {ns} -o yaml")).ShouldSucceed().Stdout;
            yaml.Should().Contain($"kind: {sample["kind"]}").And.Contain($"name: {name}").And.Contain("generation: 1");

            var path = $"/apis/{sample["apiVersion"]}/namespaces/{ns}/{crd["spec"]!["names"]!["plural"]}/{name}";
            var generation = (await Http.GetAsync(path))["metadata.generation"];
            var ready = $$$"""{"status":{"observedGeneration":{{{generation}}},"conditions":[{"type":"Ready","status":"True","reason":"Reconciled","message":"Everything is in place.","lastTransitionTime":"2026-11-20T22:00:00Z","observedGeneration":{{{generation}}}}]}}""";
            (await Http.PatchAsync(path + "/status", ready, "application/merge-patch+json")).Status.Should().Be(HttpStatusCode.OK);
            (await Cli.RunAsync($"wait --for=condition=Ready {resource}/{name} -n {ns} --timeout=30s")).ShouldSucceed().Stdout.Should().Contain("condition met");
            (await Cli.RunAsync($"describe {resource} {name} -n {ns}")).ShouldSucceed().Stdout.Should().Contain($"Name:         {name}");
        }

        (await Cli.RunAsync($"delete -f {SampleDirectory} --timeout=30s")).ShouldSucceed();
        foreach (var sample in samples)
        {
            (await Cli.RunAsync($"get {Resource(sample)} {SampleName(sample)}")).Stderr.Should().Contain("NotFound");
        }

        Emulator.OpenWatches.Should().Be(0, "kubectl closed its watches");
    }
}

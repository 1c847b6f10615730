using IcOperator.Cli;
using IcOperator.Crds;
using IcOperator.Testing;

namespace IcOperator.Tests.Crds;

public sealed class CrdFilesTests
{
    public static TheoryData<string> Directories => new() { "config/crd", "charts/ic-operator/crds" };

    [Theory]
    [MemberData(nameof(Directories))]
    public void Committed_crds_equal_the_generated_ones(string directory)
    {
        var path = Path.Combine(TestPaths.RepoRoot, directory);
        foreach (var crd in CrdGenerator.GenerateAll())
        {
            var file = Path.Combine(path, crd.FileName);
            File.Exists(file).Should().BeTrue($"{directory}/{crd.FileName} must be committed; run `make crds`");
            File.ReadAllText(file).Should().Be(crd.Yaml, $"{directory}/{crd.FileName} is stale; run `make crds`");
        }

        Directory.GetFiles(path, "*.yaml").Select(Path.GetFileName).Should()
            .BeEquivalentTo(CrdGenerator.GenerateAll().Select(c => c.FileName), $"{directory} holds exactly the generated CRDs");
    }

    [Fact]
    public void Chart_crds_are_identical_to_config_crd()
    {
        var config = Path.Combine(TestPaths.RepoRoot, "config", "crd");
        var chart = Path.Combine(TestPaths.RepoRoot, "charts", "ic-operator", "crds");
        foreach (var file in Directory.GetFiles(config, "*.yaml"))
        {
            File.ReadAllBytes(Path.Combine(chart, Path.GetFileName(file))).Should().Equal(File.ReadAllBytes(file));
        }
    }

    [Fact]
    public async Task Crds_command_writes_every_kind_and_removes_only_stale_generated_files()
    {
        var directory = Directory.CreateTempSubdirectory("crds-");
        try
        {
            var stale = Path.Combine(directory.FullName, "ic-operator.dev_oldkinds.yaml");
            File.WriteAllText(stale, CrdGenerator.Header + "kind: CustomResourceDefinition\n");
            var handwritten = Path.Combine(directory.FullName, "kustomization.yaml");
            File.WriteAllText(handwritten, "resources: []\n");

            var parse = OperatorCli.Build().Parse(["crds", "--output", directory.FullName]);
            parse.InvocationConfiguration.Output = new StringWriter();
            (await parse.InvokeAsync()).Should().Be(0);

            Directory.GetFiles(directory.FullName).Select(Path.GetFileName).Should().BeEquivalentTo(
                [
                    "ic-operator.dev_canisterdeployments.yaml",
                    "ic-operator.dev_icnetworks.yaml",
                    "ic-operator.dev_packageinstallations.yaml",
                    "ic-operator.dev_wasmtemplates.yaml",
                    "kustomization.yaml",
                ]);
            File.ReadAllText(handwritten).Should().Be("resources: []\n");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Crds_command_without_output_prints_all_documents()
    {
        var output = new StringWriter();
        var parse = OperatorCli.Build().Parse(["crds"]);
        parse.InvocationConfiguration.Output = output;
        (await parse.InvokeAsync()).Should().Be(0);
        var documents = output.ToString().Split("---\n");
        documents.Should().HaveCount(4);
        documents.Should().AllSatisfy(d => d.Should().Contain("kind: CustomResourceDefinition"));
    }
}

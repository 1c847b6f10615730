using System.Security.Cryptography;
using System.Text;
using IcOperator.Cli;
using IcOperator.Testing;
using YamlDotNet.RepresentationModel;

namespace IcOperator.Tests.Cli;

public sealed class SampleFilesTests
{
    private static string SamplePath(string name) => Path.Combine(TestPaths.RepoRoot, "config", "samples", name);

    /// <summary>The template sample as generated from <see cref="SampleModules"/>.</summary>
    internal static string ExpectedTemplate()
    {
        var v1 = SampleModules.Hello(healthy: true);
        var v2 = SampleModules.Hello(healthy: false);
        var text = new StringBuilder()
            .Append("# Two versions of a \"hello\" canister for the IC emulator; 0.2.0 reports itself degraded, so an upgrade\n")
            .Append("# to it is rolled back. Generated from src/IcOperator/Cli/SampleModules.cs (a test checks they agree).\n")
            .Append("apiVersion: ic-operator.dev/v1alpha1\nkind: WasmTemplate\nmetadata:\n  name: hello\nspec:\n")
            .Append("  description: Hello canister for the IC emulator\n  versions:\n");
        foreach (var (version, bytes, description) in new[] { ("0.1.0", v1, "healthy first release"), ("0.2.0", v2, "answers its health check with degraded") })
        {
            text.Append("    - version: ").Append(version).Append('\n')
                .Append("      description: ").Append(description).Append('\n')
                .Append("      sha256: ").Append(Convert.ToHexStringLower(SHA256.HashData(bytes))).Append('\n')
                .Append("      source:\n        inline: ").Append(Convert.ToBase64String(bytes)).Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public void Template_sample_holds_the_sample_modules_with_their_hashes()
    {
        if (Environment.GetEnvironmentVariable("IC_OPERATOR_WRITE_SAMPLES") == "1")
        {
            File.WriteAllText(SamplePath("wasmtemplate.yaml"), ExpectedTemplate());
        }

        File.ReadAllText(SamplePath("wasmtemplate.yaml")).Should().Be(ExpectedTemplate(), "config/samples/wasmtemplate.yaml must match SampleModules; regenerate with IC_OPERATOR_WRITE_SAMPLES=1");
    }

    [Fact]
    public void Every_sample_is_a_resource_of_our_group()
    {
        var kinds = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "config", "samples"), "*.yaml"))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            foreach (var document in stream.Documents)
            {
                var root = (YamlMappingNode)document.RootNode;
                ((YamlScalarNode)root["apiVersion"]).Value.Should().Be("ic-operator.dev/v1alpha1", file);
                kinds.Add(((YamlScalarNode)root["kind"]).Value!);
            }
        }

        kinds.Should().BeEquivalentTo(["IcNetwork", "WasmTemplate", "CanisterDeployment"]);
    }
}

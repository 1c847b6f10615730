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
    internal static string ExpectedTemplate() => Template(
        "# Two versions of the Motoko \"hello\" canister (canisters/hello, canisters/hello-v2): a stable counter and a\n"
        + "# health check. 0.2.0 reports itself degraded, so an upgrade to it is rolled back to the snapshot and the\n"
        + "# counter is restored. Generated from src/IcOperator/Cli/SampleModules.cs (a test checks they agree).\n",
        "hello",
        "Hello canister in Motoko, a stable counter with a health check",
        ("0.1.0", SampleModules.Hello(healthy: true), "healthy first release"),
        ("0.2.0", SampleModules.Hello(healthy: false), "answers its health check with degraded"));

    /// <summary>The package parts' template sample as generated from <see cref="SampleModules"/>.</summary>
    internal static string ExpectedPartTemplate() => Template(
        "# Three versions of a package part for the IC emulator; 3.0.0 traps in post_upgrade, so a package upgrade\n"
        + "# to it is undone. Generated from src/IcOperator/Cli/SampleModules.cs (a test checks they agree).\n",
        "part",
        "A part of the sample package for the IC emulator",
        ("1.0.0", SampleModules.PackagePart("1.0.0"), "first release"),
        ("2.0.0", SampleModules.PackagePart("2.0.0"), "upgrades cleanly"),
        ("3.0.0", SampleModules.PackagePart("3.0.0", trapOnUpgrade: true), "traps in post_upgrade"));

    private static string Template(string header, string name, string description, params (string Version, byte[] Bytes, string Description)[] versions)
    {
        var text = new StringBuilder()
            .Append(header)
            .Append("apiVersion: ic-operator.dev/v1alpha1\nkind: WasmTemplate\nmetadata:\n  name: ").Append(name).Append("\nspec:\n")
            .Append("  description: ").Append(description).Append("\n  versions:\n");
        foreach (var (version, bytes, about) in versions)
        {
            text.Append("    - version: ").Append(version).Append('\n')
                .Append("      description: ").Append(about).Append('\n')
                .Append("      sha256: ").Append(Convert.ToHexStringLower(SHA256.HashData(bytes))).Append('\n')
                .Append("      source:\n        inline: ").Append(Convert.ToBase64String(bytes)).Append('\n');
        }

        return text.ToString();
    }

    [Theory]
    [InlineData("wasmtemplate.yaml")]
    [InlineData("parttemplate.yaml")]
    public void Template_samples_hold_the_sample_modules_with_their_hashes(string file)
    {
        var expected = file == "wasmtemplate.yaml" ? ExpectedTemplate() : ExpectedPartTemplate();
        if (Environment.GetEnvironmentVariable("IC_OPERATOR_WRITE_SAMPLES") == "1")
        {
            File.WriteAllText(SamplePath(file), expected);
        }

        File.ReadAllText(SamplePath(file)).Should().Be(expected, $"config/samples/{file} must match SampleModules; regenerate with IC_OPERATOR_WRITE_SAMPLES=1");
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

        kinds.Should().BeEquivalentTo(["IcNetwork", "WasmTemplate", "WasmTemplate", "CanisterDeployment", "PackageInstallation"]);
    }
}

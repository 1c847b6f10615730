using System.Security.Cryptography;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Testing;

namespace IcOperator.Emulators.Tests.Ic.Wasm;

/// <summary>The committed Motoko modules are what the compiler makes of their sources, and what the emulator embeds.</summary>
public sealed class SampleCanisterBuildTests
{
    private static string Canisters => Path.Combine(TestPaths.RepoRoot, "canisters");

    public static TheoryData<string> CanisterDirectories => new(Directory.GetDirectories(Canisters).Select(Path.GetFileName).Order().Cast<string>());

    [Fact]
    public void SHA256SUMS_lists_every_committed_module_with_its_hash()
    {
        var lines = File.ReadAllLines(Path.Combine(Canisters, "SHA256SUMS"));

        lines.Should().HaveCount(Directory.GetDirectories(Canisters).Length);
        foreach (var line in lines)
        {
            var (hash, file) = (line[..64], line[66..]);
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Canisters, file)))).Should().Be(hash, file);
        }
    }

    [Fact]
    public void The_embedded_modules_are_the_committed_ones()
    {
        SampleCanisters.Hello.Should().Equal(File.ReadAllBytes(Path.Combine(Canisters, "hello", "hello.wasm")));
        SampleCanisters.HelloV2.Should().Equal(File.ReadAllBytes(Path.Combine(Canisters, "hello-v2", "hello-v2.wasm")));
        SampleCanisters.Caller.Should().Equal(File.ReadAllBytes(Path.Combine(Canisters, "caller", "caller.wasm")));
    }

    [RequiresToolTheory("motoko")]
    [MemberData(nameof(CanisterDirectories))]
    public async Task The_compiler_rebuilds_the_committed_module_byte_for_byte(string canister)
    {
        var (exitCode, stdout, stderr) = await Ic.PeerProcess.RunAsync(
            PeerTools.Node!,
            [Path.Combine(Canisters, "build.js"), "--check", Path.Combine(Canisters, canister)],
            new Dictionary<string, string> { ["MOTOKO_NODE_MODULES"] = PeerTools.NodeModules },
            timeout: TimeSpan.FromMinutes(5));

        exitCode.Should().Be(0, $"{stdout}\n{stderr}");
        stdout.Should().Contain($"canisters/{canister}/{canister}.wasm: ").And.Contain("matches");
    }
}

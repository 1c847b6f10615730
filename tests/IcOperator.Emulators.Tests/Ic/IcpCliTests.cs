using System.Security.Cryptography;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Testing;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>icp-cli 1.5 (the Rust agent) against the emulator: status, update calls through /api/v4, queries through /api/v3.</summary>
public sealed class IcpCliTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly DirectoryInfo home = Directory.CreateTempSubdirectory("icemu-icp");

    public void Dispose() => home.Delete(recursive: true);

    private Task<(int ExitCode, string Stdout, string Stderr)> Icp(params string[] args) =>
        PeerProcess.RunAsync(PeerTools.Icp!, args, new Dictionary<string, string> { ["HOME"] = home.FullName, ["DO_NOT_TRACK"] = "1" }, home.FullName);

    private string[] Network => ["-n", fixture.Emulator.Url.ToString(), "-k", fixture.Emulator.RootKeyHex];

    [RequiresToolFact("icp")]
    public async Task Icp_reads_status_and_makes_update_and_query_calls_with_an_ed25519_identity()
    {
        var pem = Path.Combine(home.FullName, "alice.pem");
        await File.WriteAllTextAsync(pem, fixture.Alice.ExportPkcs8Pem());
        (await Icp("identity", "import", "alice", "--from-pem", pem, "--storage", "plaintext")).ExitCode.Should().Be(0);
        (await Icp("identity", "default", "alice")).ExitCode.Should().Be(0);
        var principal = await Icp("identity", "principal");
        principal.Stdout.Trim().Should().Be(fixture.Alice.Sender.ToString());

        using var alice = fixture.Client(fixture.Alice);
        var id = (await alice.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })"))!["canister_id"].AsPrincipal();
        var module = new TestModuleBuilder()
            .WithMethod("set", new MethodBehavior { Store = "value" })
            .WithMethod("get", new MethodBehavior { Query = true, Load = "value", Reply = "(\"nothing yet\")" })
            .WithCandidService("service : { set : (text) -> (); get : () -> (text) query }")
            .Build();
        var hex = string.Concat(module.Select(b => $"\\{b:x2}"));
        await alice.ManageAsync("install_code", $"(record {{ mode = variant {{ install }}; canister_id = principal \"{id}\"; wasm_module = blob \"{hex}\"; arg = blob \"DIDL\\00\\00\" }})");

        var status = await Icp(["canister", "status", .. Network, id.ToString()]);
        var set = await Icp(["canister", "call", .. Network, id.ToString(), "set", "(\"from icp\")"]);
        var get = await Icp(["canister", "call", .. Network, id.ToString(), "get", "()", "--query"]);

        status.ExitCode.Should().Be(0, status.Stderr);
        status.Stdout.Should().Contain("Status: Running").And.Contain(fixture.Alice.Sender.ToString())
            .And.Contain(Convert.ToHexStringLower(SHA256.HashData(module)));
        set.ExitCode.Should().Be(0, set.Stderr);
        get.ExitCode.Should().Be(0, get.Stderr);
        get.Stdout.Should().Contain("\"from icp\"");
        var stored = fixture.Emulator.GetCanister(id)!.State["value"];
        CandidDecoder.Decode(stored, [CandidType.Text])[0].AsText().Should().Be("from icp");
    }

    [RequiresToolFact("icp")]
    public async Task Icp_falls_back_to_certified_controllers_when_canister_status_is_refused()
    {
        using var bob = fixture.Client(fixture.Bob);
        var id = (await bob.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })"))!["canister_id"].AsPrincipal();
        var refusals = fixture.Emulator.Counters.Calls("canister_status");

        var status = await Icp(["canister", "status", .. Network, id.ToString()]);

        status.ExitCode.Should().Be(0, status.Stderr);
        status.Stdout.Should().Contain($"controller: {bob.Sender}").And.Contain("Module hash: <none>").And.NotContain("Status: Running");
        fixture.Emulator.Counters.Calls("canister_status").Should().Be(refusals + 1, "icp asked first and was refused with IC0512");
    }

    [RequiresToolFact("icp")]
    public async Task Icp_calls_the_real_Motoko_hello_canister_and_reads_its_answers()
    {
        using var alice = fixture.Client(fixture.Alice);
        var id = (await alice.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })"))!["canister_id"].AsPrincipal();
        var hex = string.Concat(SampleCanisters.Hello.Select(b => $"\\{b:x2}"));
        await alice.ManageAsync("install_code", $"(record {{ mode = variant {{ install }}; canister_id = principal \"{id}\"; wasm_module = blob \"{hex}\"; arg = blob \"DIDL\\00\\00\" }})");
        // Motoko keeps candid:service private, so icp is given the interface the compiler wrote.
        var candid = Path.Combine(TestPaths.RepoRoot, "canisters", "hello", "hello.did");

        var first = await Icp(["canister", "call", .. Network, id.ToString(), "increment", "()", "--candid", candid]);
        var second = await Icp(["canister", "call", .. Network, id.ToString(), "increment", "()", "--candid", candid]);
        var get = await Icp(["canister", "call", .. Network, id.ToString(), "get", "()", "--query", "--candid", candid]);
        var greet = await Icp(["canister", "call", .. Network, id.ToString(), "greet", "(\"icp\")", "--query", "--candid", candid]);

        first.ExitCode.Should().Be(0, first.Stderr);
        first.Stdout.Should().Contain("(1 : nat)");
        second.Stdout.Should().Contain("(2 : nat)");
        get.ExitCode.Should().Be(0, get.Stderr);
        get.Stdout.Should().Contain("(2 : nat)");
        greet.Stdout.Should().Contain("\"Hello, icp!\"");
    }
}

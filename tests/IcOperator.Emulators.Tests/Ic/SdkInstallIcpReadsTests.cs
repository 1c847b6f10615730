using System.Text.Json;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Testing;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>
/// Two agents on one real canister: the JavaScript agent (@icp-sdk/core) creates the Motoko hello canister,
/// installs it and counts up; icp-cli 1.5 (the Rust agent) then reads the counter with a query.
/// </summary>
public sealed class SdkInstallIcpReadsTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Script = """
        const fs = require('fs');
        const { HttpAgent, Actor } = require('@icp-sdk/core/agent');
        const { Ed25519KeyIdentity } = require('@icp-sdk/core/identity');
        const [host, wasmPath] = process.argv.slice(2);
        // The parts of ic.did this script uses; the management canister decodes them as subtypes of its own.
        const management = ({ IDL }) => IDL.Service({
          provisional_create_canister_with_cycles: IDL.Func(
            [IDL.Record({ amount: IDL.Opt(IDL.Nat) })], [IDL.Record({ canister_id: IDL.Principal })], []),
          install_code: IDL.Func([IDL.Record({
            mode: IDL.Variant({ install: IDL.Null }),
            canister_id: IDL.Principal,
            wasm_module: IDL.Vec(IDL.Nat8),
            arg: IDL.Vec(IDL.Nat8),
          })], [], []),
        });
        const hello = ({ IDL }) => IDL.Service({ increment: IDL.Func([], [IDL.Nat], []) });
        (async () => {
          const agent = await HttpAgent.create({ host, identity: Ed25519KeyIdentity.generate(), shouldFetchRootKey: true });
          const ic = Actor.createActor(management, {
            agent,
            canisterId: 'aaaaa-aa',
            callTransform: (_method, args) => ({ effectiveCanisterId: args[0].canister_id }),
          });
          const { canister_id } = await ic.provisional_create_canister_with_cycles({ amount: [] });
          await ic.install_code({ mode: { install: null }, canister_id, wasm_module: fs.readFileSync(wasmPath), arg: new Uint8Array([68, 73, 68, 76, 0, 0]) });
          const counter = Actor.createActor(hello, { agent, canisterId: canister_id });
          await counter.increment();
          const value = await counter.increment();
          console.log(JSON.stringify({ canisterId: canister_id.toText(), value: value.toString() }));
        })().catch(e => { console.error(e); process.exit(1); });
        """;

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("icemu-sdk-icp");

    public void Dispose() => work.Delete(recursive: true);

    [RequiresToolFact("node", "@icp-sdk/core", "icp")]
    public async Task A_canister_installed_through_icp_sdk_core_answers_a_query_icp_reads()
    {
        var script = Path.Combine(work.FullName, "install.cjs");
        var wasm = Path.Combine(work.FullName, "hello.wasm");
        await File.WriteAllTextAsync(script, Script);
        await File.WriteAllBytesAsync(wasm, SampleCanisters.Hello);

        var (exit, stdout, stderr) = await PeerProcess.RunAsync(PeerTools.Node!, [script, fixture.Emulator.Url.ToString().TrimEnd('/'), wasm],
            new Dictionary<string, string> { ["NODE_PATH"] = PeerTools.NodeModules });
        exit.Should().Be(0, stderr);
        var installed = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        var id = Principal.Parse(installed.GetProperty("canisterId").GetString()!);
        installed.GetProperty("value").GetString().Should().Be("2");

        var candid = Path.Combine(TestPaths.RepoRoot, "canisters", "hello", "hello.did");
        var read = await PeerProcess.RunAsync(PeerTools.Icp!,
            ["canister", "call", "-n", fixture.Emulator.Url.ToString(), "-k", fixture.Emulator.RootKeyHex, id.ToString(), "get", "()", "--query", "--candid", candid],
            new Dictionary<string, string> { ["HOME"] = work.FullName, ["DO_NOT_TRACK"] = "1" }, work.FullName);

        read.ExitCode.Should().Be(0, read.Stderr);
        read.Stdout.Should().Contain("(2 : nat)");
        Convert.ToHexStringLower(fixture.Emulator.GetCanister(id)!.ModuleHash!).Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SampleCanisters.Hello)));
    }
}

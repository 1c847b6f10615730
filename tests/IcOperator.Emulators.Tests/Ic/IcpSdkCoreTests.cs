using System.Text.Json;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Testing;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>
/// The JavaScript agent (@icp-sdk/core HttpAgent) against the emulator: it fetches the root key from
/// /api/v2/status, verifies our BLS-signed certificates and the node signatures on query replies.
/// </summary>
public sealed class IcpSdkCoreTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Script = """
        const { HttpAgent, Actor, AnonymousIdentity } = require('@icp-sdk/core/agent');
        const { Ed25519KeyIdentity } = require('@icp-sdk/core/identity');
        const [host, canisterId] = process.argv.slice(2);
        const idl = ({ IDL }) => IDL.Service({
          set: IDL.Func([IDL.Text], [], []),
          get: IDL.Func([], [IDL.Text], ['query']),
        });
        (async () => {
          const identity = Ed25519KeyIdentity.generate();
          const agent = await HttpAgent.create({ host, identity, shouldFetchRootKey: true });
          const actor = Actor.createActor(idl, { agent, canisterId });
          await actor.set('from javascript');
          const value = await actor.get();
          const anonymous = await HttpAgent.create({ host, identity: new AnonymousIdentity(), shouldFetchRootKey: true });
          const seenByAnonymous = await Actor.createActor(idl, { agent: anonymous, canisterId }).get();
          console.log(JSON.stringify({ value, seenByAnonymous, sender: identity.getPrincipal().toText(), rootKey: Buffer.from(agent.rootKey).toString('hex') }));
        })().catch(e => { console.error(e); process.exit(1); });
        """;

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("icemu-js");

    public void Dispose() => work.Delete(recursive: true);

    [RequiresToolFact("node", "@icp-sdk/core")]
    public async Task HttpAgent_with_a_fetched_root_key_updates_and_queries()
    {
        using var alice = fixture.Client(fixture.Alice);
        var id = (await alice.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })"))!["canister_id"].AsPrincipal();
        var module = new TestModuleBuilder()
            .WithMethod("set", new MethodBehavior { Store = "value" })
            .WithMethod("get", new MethodBehavior { Query = true, Load = "value", Reply = "(\"nothing yet\")" })
            .Build();
        var hex = string.Concat(module.Select(b => $"\\{b:x2}"));
        await alice.ManageAsync("install_code", $"(record {{ mode = variant {{ install }}; canister_id = principal \"{id}\"; wasm_module = blob \"{hex}\"; arg = blob \"DIDL\\00\\00\" }})");
        var script = Path.Combine(work.FullName, "agent.cjs");
        await File.WriteAllTextAsync(script, Script);

        var (exit, stdout, stderr) = await PeerProcess.RunAsync(PeerTools.Node!, [script, fixture.Emulator.Url.ToString().TrimEnd('/'), id.ToString()],
            new Dictionary<string, string> { ["NODE_PATH"] = PeerTools.NodeModules });

        exit.Should().Be(0, stderr);
        var result = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        result.GetProperty("value").GetString().Should().Be("from javascript");
        result.GetProperty("seenByAnonymous").GetString().Should().Be("from javascript");
        result.GetProperty("rootKey").GetString().Should().Be(fixture.Emulator.RootKeyHex);
        CandidDecoder.Decode(fixture.Emulator.GetCanister(id)!.State["value"], [CandidType.Text])[0].AsText().Should().Be("from javascript");
        fixture.Emulator.Counters.Calls("set").Should().BeGreaterThanOrEqualTo(1);
    }
}

using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Responses;
using IcOperator.Agent.Transport;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>The project's own HttpAgent (fetched root key, BLS-verified certificates, checked query signatures) drives every management method.</summary>
public sealed class AgentDrivesManagementTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly DidFile Management = DidFile.Parse(ManagementInterface.Did);

    private HttpAgent Agent(IcOperator.Agent.Identities.IIdentity identity) => new(new HttpAgentOptions
    {
        Url = fixture.Emulator.Url,
        Identity = identity,
        RootKeySource = RootKeySource.Fetch,
        SignatureVerifier = Bls12381SignatureVerifier.Shared,
    });

    private static async Task<CandidValue?> Manage(HttpAgent agent, string method, CandidValue arg, Principal effective, bool query = false)
    {
        var func = Management.GetMethod(method);
        var bytes = CandidEncoder.Encode(func.Arguments, [arg]);
        var reply = query
            ? await agent.QueryAsync(Principal.ManagementCanister, method, bytes, effective)
            : await agent.CallAsync(Principal.ManagementCanister, method, bytes, effective);
        var values = CandidDecoder.Decode(reply, func.Results);
        return values.Count == 0 ? null : values[0];
    }

    private static CandidValue Record(params (string, CandidValue)[] fields) => CandidValue.Record(fields);

    private static CandidValue Id(Principal id) => Record(("canister_id", CandidValue.Principal(id)));

    [Fact]
    public async Task Every_management_method_a_user_may_call_works_through_the_agent()
    {
        using var agent = Agent(fixture.Alice);
        var status = await agent.StatusAsync();
        status.RootKey.Should().Equal(fixture.Emulator.RootKeyDer);

        var created = await Manage(agent, "provisional_create_canister_with_cycles", Record(("amount", CandidValue.Some(CandidValue.Nat(40_000_000_000_000)))), Principal.FromCanisterIndex(0));
        var id = created!["canister_id"].AsPrincipal();
        await Manage(agent, "provisional_top_up_canister", Record(("canister_id", CandidValue.Principal(id)), ("amount", CandidValue.Nat(1_000))), id);
        await Manage(agent, "deposit_cycles", Id(id), id);
        await Manage(agent, "update_settings", Record(
            ("canister_id", CandidValue.Principal(id)),
            // One percent of compute costs 10M cycles a second: 26T over the default 30-day freezing threshold.
            ("settings", Record(("compute_allocation", CandidValue.Some(CandidValue.Nat(1))), ("wasm_memory_limit", CandidValue.Some(CandidValue.Nat(1L << 30)))))), id);

        var module = new TestModuleBuilder()
            .WithInit(new LifecycleBehavior { Log = "hello from init", State = new Dictionary<string, string> { ["v"] = "(\"initial\")" } })
            .WithMethod("get", new MethodBehavior { Query = true, Load = "v" })
            .WithMethod("set", new MethodBehavior { Store = "v" })
            .WithSizeAtLeast(1_500_000)
            .Build();
        var chunks = module.Chunk(1024 * 1024).Select(c => c.ToArray()).ToArray();
        foreach (var chunk in chunks)
        {
            await Manage(agent, "upload_chunk", Record(("canister_id", CandidValue.Principal(id)), ("chunk", CandidValue.Blob(chunk))), id);
        }

        var stored = await Manage(agent, "stored_chunks", Id(id), id);
        stored!.AsVec().Should().HaveCount(chunks.Length);
        await Manage(agent, "install_chunked_code", Record(
            ("mode", CandidValue.Variant("install")),
            ("target_canister", CandidValue.Principal(id)),
            ("chunk_hashes_list", CandidValue.Vec(chunks.Select(c => Record(("hash", CandidValue.Blob(SHA256.HashData(c))))))),
            ("wasm_module_hash", CandidValue.Blob(SHA256.HashData(module))),
            ("arg", CandidValue.Blob(CandidEncoder.Encode([])))), id);
        await Manage(agent, "clear_chunk_store", Id(id), id);
        CandidDecoder.Decode(await agent.QueryAsync(id, "get", CandidEncoder.Encode([])), [CandidType.Text])[0].AsText().Should().Be("initial");

        var statusReply = await Manage(agent, "canister_status", Id(id), id);
        statusReply!["module_hash"].AsOption()!.AsBytes().Should().Equal(SHA256.HashData(module));
        statusReply["settings"]["compute_allocation"].AsBigInteger().Should().Be(1);
        (await Manage(agent, "canister_status", Id(id), id, query: true))!["status"].Should().Be(CandidValue.Variant("running"));

        await Manage(agent, "stop_canister", Id(id), id);
        var snapshot = await Manage(agent, "take_canister_snapshot", Id(id), id);
        await Manage(agent, "start_canister", Id(id), id);
        await agent.CallAsync(id, "set", CandidEncoder.Encode(CandidText.ParseArguments("(\"changed\")")));
        var reinstall = new TestModuleBuilder().WithLabel("second").WithMethod("get", new MethodBehavior { Query = true, Load = "v", Reply = "(\"wiped\")" }).Build();
        await Manage(agent, "install_code", Record(
            ("mode", CandidValue.Variant("reinstall")),
            ("canister_id", CandidValue.Principal(id)),
            ("wasm_module", CandidValue.Blob(reinstall)),
            ("arg", CandidValue.Blob(CandidEncoder.Encode([])))), id);
        CandidDecoder.Decode(await agent.QueryAsync(id, "get", CandidEncoder.Encode([])), [CandidType.Text])[0].AsText().Should().Be("wiped");

        await Manage(agent, "stop_canister", Id(id), id);
        (await Manage(agent, "list_canister_snapshots", Id(id), id))!.AsVec().Should().ContainSingle();
        await Manage(agent, "load_canister_snapshot", Record(("canister_id", CandidValue.Principal(id)), ("snapshot_id", CandidValue.Blob(snapshot!["id"].AsBytes()))), id);
        await Manage(agent, "delete_canister_snapshot", Record(("canister_id", CandidValue.Principal(id)), ("snapshot_id", CandidValue.Blob(snapshot["id"].AsBytes()))), id);
        await Manage(agent, "start_canister", Id(id), id);
        CandidDecoder.Decode(await agent.QueryAsync(id, "get", CandidEncoder.Encode([])), [CandidType.Text])[0].AsText().Should().Be("initial");

        var logs = await Manage(agent, "fetch_canister_logs", Id(id), id, query: true);
        logs!["canister_log_records"].AsVec().Select(l => Encoding.UTF8.GetString(l["content"].AsBytes())).Should().Equal("hello from init");
        await Manage(agent, "uninstall_code", Id(id), id);
        await Manage(agent, "stop_canister", Id(id), id);
        await Manage(agent, "delete_canister", Id(id), id);
        fixture.Emulator.GetCanister(id).Should().BeNull();
    }

    [Fact]
    public async Task Management_rejects_reach_the_agent_with_their_codes()
    {
        using var agent = Agent(fixture.Bob);
        var id = (await Manage(agent, "provisional_create_canister_with_cycles", Record(), Principal.FromCanisterIndex(0)))!["canister_id"].AsPrincipal();

        var deleteRunning = () => Manage(agent, "delete_canister", Id(id), id);
        var reserved = () => agent.CallAsync(Principal.ManagementCanister, "raw_rand", CandidEncoder.Encode([]), id);
        var tooMany = () => Manage(agent, "update_settings", Record(
            ("canister_id", CandidValue.Principal(id)),
            ("settings", Record(("compute_allocation", CandidValue.Some(CandidValue.Nat(101)))))), id);

        (await deleteRunning.Should().ThrowAsync<IcRejectException>()).Which.ErrorCode.Should().Be("IC0510");
        (await reserved.Should().ThrowAsync<IcRejectException>()).Which.RejectMessage.Should().Contain("Only canisters can call ic00 method raw_rand");
        (await tooMany.Should().ThrowAsync<IcRejectException>()).Which.RejectMessage.Should().Contain("compute_allocation");
        fixture.Emulator.GetCanister(id)!.Status.Should().Be(CanisterStatus.Running);
    }
}

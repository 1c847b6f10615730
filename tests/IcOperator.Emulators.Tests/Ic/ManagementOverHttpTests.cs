using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Emulators.Tests.Ic;

public sealed class ManagementOverHttpTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const int MiB = 1024 * 1024;

    private static byte[] Module(string label) => new TestModuleBuilder()
        .WithLabel(label)
        .WithInitArgs("(record { greeting : text })")
        .WithInit(new LifecycleBehavior { StoreArg = "config", Log = "init " + label })
        .WithQuery("config", "(record { greeting = \"none\" })")
        .WithMethod("config", new MethodBehavior { Query = true, Load = "config", Reply = "(record { greeting = \"none\" })" })
        .WithMethod("set", new MethodBehavior { Store = "config", Log = "set" })
        .WithQuery("version", $"(\"{label}\")")
        .WithCandidService("service : (record { greeting : text }) -> { version : () -> (text) query }")
        .WithMetadata("secret", "controllers only", isPublic: false)
        .Build();

    private static byte[] Args(string text) => CandidEncoder.Encode(CandidText.ParseArguments(text));

    private async Task<Principal> CreateAsync(WireClient client, string settings = "null")
    {
        var created = await client.ManageAsync("provisional_create_canister_with_cycles", $"(record {{ amount = opt 5_000_000_000_000; settings = {settings} }})");
        return created!["canister_id"].AsPrincipal();
    }

    [Fact]
    public async Task Status_serves_the_root_key_as_CBOR()
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.Url };

        var body = await http.GetByteArrayAsync("api/v2/status");

        var status = CborEncoding.DecodeUntagged(body).AsMap("status");
        status.Require("root_key").AsBytes("root_key").Should().Equal(fixture.Emulator.RootKeyDer);
        status.Require("replica_health_status").AsText("health").Should().Be("healthy");
        Principal.SelfAuthenticating(fixture.Emulator.RootKeyDer).Should().Be(fixture.Emulator.SubnetId);
    }

    [Fact]
    public async Task A_canister_goes_through_its_whole_life_over_http()
    {
        using var alice = fixture.Client(fixture.Alice);
        var id = await CreateAsync(alice);
        var text = $"principal \"{id}\"";

        var status = await alice.ManageAsync("canister_status", $"(record {{ canister_id = {text} }})");
        status!["status"].Should().Be(CandidValue.Variant("running"));
        status["module_hash"].AsOption().Should().BeNull();
        status["settings"]["controllers"].AsVec().Select(p => p.AsPrincipal()).Should().Equal(alice.Sender);
        status["cycles"].AsBigInteger().Should().Be(5_000_000_000_000);

        await alice.ManageAsync("update_settings", $"(record {{ canister_id = {text}; settings = record {{ freezing_threshold = opt 86_400; log_visibility = opt variant {{ public }} }} }})");
        var settings = fixture.Emulator.GetCanister(id)!.Settings;
        settings.FreezingThreshold.Should().Be(86_400);
        settings.LogVisibility.Should().Be(LogVisibility.Public);

        var v1 = Module("v1");
        await alice.ManageAsync("install_code", $"(record {{ mode = variant {{ install }}; canister_id = {text}; wasm_module = blob \"{Blob(v1)}\"; arg = blob \"{Blob(Args("(record { greeting = \"hi\" })"))}\" }})");
        fixture.Emulator.GetCanister(id)!.ModuleHash.Should().Equal(SHA256.HashData(v1));
        var config = CandidDecoder.Decode(await alice.QueryAsync(id, "config", Args("()")), CandidType.ParseArguments("(record { greeting : text })"));
        config[0]["greeting"].AsText().Should().Be("hi");

        await alice.UpdateAsync(id, "set", Args("(record { greeting = \"changed\" })"));
        await alice.ManageAsync("stop_canister", $"(record {{ canister_id = {text} }})");
        var snapshot = await alice.ManageAsync("take_canister_snapshot", $"(record {{ canister_id = {text} }})");
        var snapshotId = snapshot!["id"].AsBytes();
        (await alice.ManageAsync("list_canister_snapshots", $"(record {{ canister_id = {text} }})"))!.AsVec().Should().ContainSingle();
        await alice.ManageAsync("start_canister", $"(record {{ canister_id = {text} }})");

        var v2 = Module("v2");
        await alice.ManageAsync("install_code", $"(record {{ mode = variant {{ upgrade }}; canister_id = {text}; wasm_module = blob \"{Blob(v2)}\"; arg = blob \"{Blob(Args("()"))}\" }})");
        CandidDecoder.Decode(await alice.QueryAsync(id, "version", Args("()")), [CandidType.Text])[0].AsText().Should().Be("v2");

        await alice.ManageAsync("stop_canister", $"(record {{ canister_id = {text} }})");
        await alice.ManageAsync("load_canister_snapshot", $"(record {{ canister_id = {text}; snapshot_id = blob \"{Blob(snapshotId)}\" }})");
        await alice.ManageAsync("start_canister", $"(record {{ canister_id = {text} }})");
        fixture.Emulator.GetCanister(id)!.ModuleHash.Should().Equal(SHA256.HashData(v1));
        var restored = CandidDecoder.Decode(await alice.QueryAsync(id, "config", Args("()")), CandidType.ParseArguments("(record { greeting : text })"));
        restored[0]["greeting"].AsText().Should().Be("changed");

        await alice.ManageAsync("delete_canister_snapshot", $"(record {{ canister_id = {text}; snapshot_id = blob \"{Blob(snapshotId)}\" }})");
        var logs = await alice.ManageAsync("fetch_canister_logs", $"(record {{ canister_id = {text} }})", query: true);
        logs!["canister_log_records"].AsVec().Select(l => Encoding.UTF8.GetString(l["content"].AsBytes())).Should().Equal("init v1", "set");

        await alice.ManageAsync("uninstall_code", $"(record {{ canister_id = {text} }})");
        await alice.ManageAsync("provisional_top_up_canister", $"(record {{ canister_id = {text}; amount = 1_000 }})");
        await alice.ManageAsync("deposit_cycles", $"(record {{ canister_id = {text} }})");
        await alice.ManageAsync("stop_canister", $"(record {{ canister_id = {text} }})");
        await alice.ManageAsync("delete_canister", $"(record {{ canister_id = {text} }})");

        fixture.Emulator.GetCanister(id).Should().BeNull();
        foreach (var method in new[] { "canister_status", "update_settings", "install_code", "take_canister_snapshot", "load_canister_snapshot", "list_canister_snapshots", "delete_canister_snapshot", "fetch_canister_logs", "uninstall_code", "provisional_top_up_canister", "deposit_cycles", "delete_canister" })
        {
            fixture.Emulator.Counters.Calls(method).Should().BePositive(method);
        }
    }

    [Fact]
    public async Task A_module_over_two_mebibytes_goes_through_the_chunk_store()
    {
        using var alice = fixture.Client(fixture.Alice);
        var id = await CreateAsync(alice);
        var text = $"principal \"{id}\"";
        var module = new TestModuleBuilder().WithQuery("big", "(true)").WithSizeAtLeast((2 * MiB) + 100).Build();
        var before = fixture.Emulator.Counters.ChunkBytesReceived;

        var hashes = new List<byte[]>();
        foreach (var chunk in module.Chunk(MiB))
        {
            var hash = await alice.ManageAsync("upload_chunk", $"(record {{ canister_id = {text}; chunk = blob \"{Blob(chunk)}\" }})");
            hashes.Add(hash!["hash"].AsBytes());
        }

        var stored = await alice.ManageAsync("stored_chunks", $"(record {{ canister_id = {text} }})");
        stored!.AsVec().Should().HaveCount(3);
        var list = string.Join("; ", hashes.Select(h => $"record {{ hash = blob \"{Blob(h)}\" }}"));
        await alice.ManageAsync("install_chunked_code", $"(record {{ mode = variant {{ install }}; target_canister = {text}; chunk_hashes_list = vec {{ {list} }}; wasm_module_hash = blob \"{Blob(SHA256.HashData(module))}\"; arg = blob \"{Blob(Args("()"))}\" }})");
        await alice.ManageAsync("clear_chunk_store", $"(record {{ canister_id = {text} }})");

        fixture.Emulator.GetCanister(id)!.ModuleHash.Should().Equal(SHA256.HashData(module));
        fixture.Emulator.GetCanister(id)!.ChunkHashes.Should().BeEmpty();
        fixture.Emulator.Counters.ChunkBytesReceived.Should().Be(before + module.Length);
        CandidDecoder.Decode(await alice.QueryAsync(id, "big", Args("()")), [CandidType.Bool])[0].AsBool().Should().BeTrue();
    }

    [Fact]
    public async Task Ecdsa_senders_are_authenticated_and_only_controllers_manage()
    {
        using var alice = fixture.Client(fixture.Alice);
        using var bob = fixture.Client(fixture.Bob);
        using var carol = fixture.Client(fixture.Carol);
        var id = await CreateAsync(alice, $"opt record {{ controllers = opt vec {{ principal \"{alice.Sender}\"; principal \"{carol.Sender}\" }} }}");

        var byCarol = await carol.ManageAsync("canister_status", $"(record {{ canister_id = principal \"{id}\" }})");
        var byBob = () => bob.ManageAsync("canister_status", $"(record {{ canister_id = principal \"{id}\" }})");

        byCarol!["status"].Should().Be(CandidValue.Variant("running"));
        var reject = (await byBob.Should().ThrowAsync<CallRejected>()).Which;
        reject.ErrorCode.Should().Be("IC0512");
        reject.RejectCode.Should().Be(5);
        reject.RejectMessage.Should().Contain(bob.Sender.ToString());
    }

    [Fact]
    public async Task Read_state_certifies_module_hash_controllers_metadata_and_the_subnet()
    {
        using var alice = fixture.Client(fixture.Alice);
        using var bob = fixture.Client(fixture.Bob);
        var id = await CreateAsync(alice);
        var module = Module("meta");
        await alice.ManageAsync("install_code", $"(record {{ mode = variant {{ install }}; canister_id = principal \"{id}\"; wasm_module = blob \"{Blob(module)}\"; arg = blob \"{Blob(Args("(record { greeting = \"x\" })"))}\" }})");
        byte[] L(string s) => Encoding.UTF8.GetBytes(s);

        var certificate = await bob.ReadStateAsync(id, [L("canister"), id.ToByteArray(), L("module_hash")], [L("canister"), id.ToByteArray(), L("controllers")], [L("canister"), id.ToByteArray(), L("metadata"), L("candid:service")]);

        certificate.Tree.LookupPath([L("canister"), id.ToByteArray(), L("module_hash")]).Value.Should().Equal(SHA256.HashData(module));
        var controllers = CborEncoding.DecodeUntagged(certificate.Tree.LookupPath([L("canister"), id.ToByteArray(), L("controllers")]).Value!).AsArray("controllers");
        controllers.Items.Select(c => Principal.FromBytes(c.AsBytes("c"))).Should().Equal(alice.Sender);
        Encoding.UTF8.GetString(certificate.Tree.LookupPath([L("canister"), id.ToByteArray(), L("metadata"), L("candid:service")]).Value!).Should().StartWith("service :");

        var secretByBob = () => bob.ReadStateAsync(id, [L("canister"), id.ToByteArray(), L("metadata"), L("secret")]);
        (await secretByBob.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
        var secret = await alice.ReadStateAsync(id, [L("canister"), id.ToByteArray(), L("metadata"), L("secret")]);
        Encoding.UTF8.GetString(secret.Tree.LookupPath([L("canister"), id.ToByteArray(), L("metadata"), L("secret")]).Value!).Should().Be("controllers only");

        var subnet = fixture.Emulator.SubnetId.ToByteArray();
        var subnetState = await bob.ReadStateAsync(id, [L("subnet")]);
        subnetState.Tree.LookupPath([L("subnet"), subnet, L("public_key")]).Value.Should().Equal(fixture.Emulator.RootKeyDer);
        var ranges = IcOperator.Agent.Certificates.CanisterRanges.Decode(subnetState.Tree.LookupPath([L("subnet"), subnet, L("canister_ranges")]).Value!);
        ranges.Contains(id).Should().BeTrue();
        subnetState.Tree.LookupPath([L("subnet"), subnet, L("node"), fixture.Emulator.NodeId.ToByteArray(), L("public_key")]).Status.Should().Be(IcOperator.Agent.HashTrees.LookupStatus.Found);
    }

    [Fact]
    public async Task The_cycles_ledger_creates_once_per_created_at_time_over_http()
    {
        using var bob = fixture.Client(fixture.Bob);
        fixture.Emulator.MintCycles(bob.Sender, 3_000_000_000_000);
        var func = DidFile.Parse(IcOperator.Emulators.Ic.Cycles.CyclesLedgerInterface.Did).GetMethod("create_canister");
        var at = (ulong)(fixture.Emulator.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        var arg = CandidEncoder.Encode(func.Arguments, CandidText.ParseArguments($"(record {{ amount = 1_000_000_000_000; created_at_time = opt {at} }})", func.Arguments));
        var ledger = IcOperator.Emulators.Ic.IcEmulator.CyclesLedgerId;

        var first = CandidDecoder.Decode(await bob.UpdateAsync(ledger, "create_canister", arg), func.Results)[0];
        var again = CandidDecoder.Decode(await bob.UpdateAsync(ledger, "create_canister", arg), func.Results)[0];

        var ok = (CandidVariant)first;
        ok.Is("Ok").Should().BeTrue(first.ToString());
        var created = ok.Value["canister_id"].AsPrincipal();
        var duplicate = (CandidVariant)((CandidVariant)again).Value;
        duplicate.Is("Duplicate").Should().BeTrue(again.ToString());
        duplicate.Value["canister_id"].AsOption()!.AsPrincipal().Should().Be(created);
        fixture.Emulator.GetCanister(created)!.Settings.Controllers.Should().Equal(bob.Sender);
        fixture.Emulator.CyclesLedgerBalance(bob.Sender).Should().Be(3_000_000_000_000 - 1_000_000_000_000 - 100_000_000);
    }

    private static string Blob(byte[] bytes) => string.Concat(bytes.Select(b => $"\\{b:x2}"));

    private static string Blob(ReadOnlyMemory<byte> bytes) => Blob(bytes.ToArray());
}

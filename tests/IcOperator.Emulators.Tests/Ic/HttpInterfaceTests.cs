using System.Net;
using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Identities;
using IcOperator.Agent.RequestIds;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Faults;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Tests.Ic;

public sealed class HttpInterfaceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly byte[] NoArgs = CandidEncoder.Encode([]);

    public void Dispose() => fixture.Emulator.Faults.Reset();

    private async Task<Principal> InstalledCanisterAsync(WireClient client)
    {
        var id = (await client.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })"))!["canister_id"].AsPrincipal();
        var module = new TestModuleBuilder()
            .WithQuery("greet", "(\"hello\")")
            .WithMethod("set", new MethodBehavior { Store = "v" })
            .WithMethod("get", new MethodBehavior { Query = true, Load = "v", Reply = "(\"unset\")" })
            .WithMethod("deny", new MethodBehavior { Reject = "no" })
            .Build();
        var hex = string.Concat(module.Select(b => $"\\{b:x2}"));
        await client.ManageAsync("install_code", $"(record {{ mode = variant {{ install }}; canister_id = principal \"{id}\"; wasm_module = blob \"{hex}\"; arg = blob \"DIDL\\00\\00\" }})");
        return id;
    }

    private static byte[] L(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task A_v2_call_is_accepted_and_its_outcome_read_by_its_sender_only()
    {
        using var alice = fixture.Client(fixture.Alice);
        using var bob = fixture.Client(fixture.Bob);
        var id = await InstalledCanisterAsync(alice);
        var content = alice.Call(id, "set", CandidEncoder.Encode(CandidText.ParseArguments("(\"via v2\")")));

        var (status, body) = await alice.PostAsync($"api/v2/canister/{id}/call", alice.Sign(content).Encode());
        var rid = content.RequestId.ToArray();
        var certificate = await alice.ReadStateAsync(id, [L("request_status"), rid]);
        var byBob = () => bob.ReadStateAsync(id, [L("request_status"), rid]);

        status.Should().Be(HttpStatusCode.Accepted);
        body.Should().BeEmpty();
        WireClient.Outcome(certificate, rid).Should().Equal(NoArgs);
        (await byBob.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        CandidDecoder.Decode(await alice.QueryAsync(id, "get", NoArgs), [CandidType.Text])[0].AsText().Should().Be("via v2");
    }

    [Fact]
    public async Task Query_replies_and_rejects_are_signed_by_the_node_key_in_the_state_tree()
    {
        using var carol = fixture.Client(fixture.Carol);
        var id = await InstalledCanisterAsync(carol);
        var subnet = fixture.Emulator.SubnetId.ToByteArray();
        var node = fixture.Emulator.NodeId.ToByteArray();
        var nodeKey = (await carol.ReadStateAsync(id, [L("subnet")])).Tree.LookupPath([L("subnet"), subnet, L("node"), node, L("public_key")]).Value!;

        foreach (var method in new[] { "greet", "deny" })
        {
            var content = new IcOperator.Agent.Requests.QueryContent { Sender = carol.Sender, IngressExpiry = carol.Expiry(), CanisterId = id, MethodName = method, Arg = NoArgs };
            var (_, body) = await carol.PostAsync($"api/v3/canister/{id}/query", carol.Sign(content).Encode());
            var response = CborEncoding.DecodeUntagged(body).AsMap("response");
            var signature = response.Require("signatures").AsArray("signatures")[0].AsMap("signature");
            var fields = response.Entries.Where(e => e.Key is CborText { Value: not "signatures" })
                .Select(e => KeyValuePair.Create(((CborText)e.Key).Value, e.Value))
                .Append(KeyValuePair.Create("timestamp", signature.Require("timestamp")))
                .Append(KeyValuePair.Create("request_id", (CborValue)new CborBytes(content.RequestId.Bytes)));
            var hash = RepresentationIndependentHash.Of(CborMap.FromText(fields));

            Principal.FromBytes(signature.Require("identity").AsBytes("identity")).Should().Be(fixture.Emulator.NodeId);
            SignatureVerification.Verify(nodeKey, RequestSigning.ResponseMessage(hash), signature.Require("signature").AsBytes("signature")).Should().BeTrue(method);
        }
    }

    [Fact]
    public async Task Throttling_and_unavailability_answer_without_executing()
    {
        using var alice = fixture.Client(fixture.Alice);
        var id = await InstalledCanisterAsync(alice);
        var before = fixture.Emulator.Counters.Calls("set");

        fixture.Emulator.Faults.ThrottledShare = 1;
        var throttled = await alice.PostAsync($"api/v4/canister/{id}/call", alice.Sign(alice.Call(id, "set", NoArgs)).Encode());
        fixture.Emulator.Faults.Reset();
        fixture.Emulator.Faults.UnavailableShare = 1;
        var unavailable = await alice.PostAsync($"api/v4/canister/{id}/call", alice.Sign(alice.Call(id, "set", NoArgs)).Encode());
        fixture.Emulator.Faults.Reset();

        throttled.Status.Should().Be(HttpStatusCode.TooManyRequests);
        unavailable.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        fixture.Emulator.Counters.Calls("set").Should().Be(before);
    }

    [Fact]
    public async Task A_dropped_response_still_executes_and_a_resubmission_reads_the_outcome()
    {
        using var alice = fixture.Client(fixture.Alice);
        var id = await InstalledCanisterAsync(alice);
        var content = alice.Call(id, "set", CandidEncoder.Encode(CandidText.ParseArguments("(\"lost reply\")")));
        var envelope = alice.Sign(content).Encode();
        fixture.Emulator.Faults.DropResponses("set", 1);

        var lost = () => alice.PostAsync($"api/v4/canister/{id}/call", envelope);
        await lost.Should().ThrowAsync<HttpRequestException>();
        var calls = fixture.Emulator.Counters.Calls("set");
        var (status, body) = await alice.PostAsync($"api/v4/canister/{id}/call", envelope);

        status.Should().Be(HttpStatusCode.OK);
        var certificate = Certificate.Decode(CborEncoding.DecodeUntagged(body).AsMap("r").Require("certificate").AsBytes("certificate"));
        WireClient.Outcome(certificate, content.RequestId.ToArray()).Should().Equal(NoArgs);
        fixture.Emulator.Counters.Calls("set").Should().Be(calls, "the resubmitted request was already executed");
        CandidDecoder.Decode(await alice.QueryAsync(id, "get", NoArgs), [CandidType.Text])[0].AsText().Should().Be("lost reply");
    }

    [Fact]
    public async Task An_injected_reject_answers_instead_of_the_method()
    {
        using var alice = fixture.Client(fixture.Alice);
        var id = await InstalledCanisterAsync(alice);
        fixture.Emulator.Faults.RejectMethod("install_code", new InjectedReject(IcRejectCode.SysTransient, IcErrorCode.CanisterOutOfCycles, "injected: out of cycles"));

        var install = () => alice.ManageAsync("install_code", $"(record {{ mode = variant {{ reinstall }}; canister_id = principal \"{id}\"; wasm_module = blob \"\\00asm\\01\\00\\00\\00\"; arg = blob \"\" }})");

        var reject = (await install.Should().ThrowAsync<CallRejected>()).Which;
        reject.ErrorCode.Should().Be("IC0207");
        reject.RejectCode.Should().Be(2);
        reject.RejectMessage.Should().Be("injected: out of cycles");
    }

    [Fact]
    public async Task Canister_rejects_are_certified_with_their_codes()
    {
        using var alice = fixture.Client(fixture.Alice);
        var id = await InstalledCanisterAsync(alice);

        var deny = () => alice.UpdateAsync(id, "deny", NoArgs, version: "v3");
        var missing = () => alice.UpdateAsync(id, "nope", NoArgs);

        (await deny.Should().ThrowAsync<CallRejected>()).Which.Should().Match<CallRejected>(r => r.RejectCode == 4 && r.RejectMessage == "no" && r.ErrorCode == "IC0406");
        (await missing.Should().ThrowAsync<CallRejected>()).Which.ErrorCode.Should().Be("IC0536");
    }
}

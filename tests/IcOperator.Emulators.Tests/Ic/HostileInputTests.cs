using System.Net;
using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Requests;
using IcOperator.Candid;

namespace IcOperator.Emulators.Tests.Ic;

public sealed class HostileInputTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly Principal Somewhere = Principal.FromCanisterIndex(0x8000000000100001);

    private static readonly byte[] EmptyArgs = CandidEncoder.Encode([]);

    private async Task<(HttpStatusCode Status, string Text)> Post(WireClient client, string path, byte[] body)
    {
        var (status, bytes) = await client.PostAsync(path, body);
        return (status, Encoding.UTF8.GetString(bytes));
    }

    private async Task StillServes(WireClient client)
    {
        var created = await client.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })");
        created!["canister_id"].AsPrincipal().TryGetCanisterIndex(out _).Should().BeTrue();
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0x00, 0x13 })]
    [InlineData(new byte[] { 0xd9, 0xd9, 0xf7, 0xa1, 0x67 })]
    [InlineData(new byte[] { 0x82, 0x01, 0x02 })]
    [InlineData(new byte[0])]
    public async Task Malformed_cbor_is_a_400_and_the_emulator_keeps_serving(byte[] body)
    {
        using var client = fixture.Client(fixture.Alice);

        var (status, text) = await Post(client, $"api/v4/canister/{Somewhere}/call", body);

        status.Should().Be(HttpStatusCode.BadRequest);
        text.Should().StartWith("Could not parse body as call message");
        await StillServes(client);
    }

    [Fact]
    public async Task A_wrong_signature_is_refused()
    {
        using var client = fixture.Client(fixture.Alice);
        var envelope = client.Sign(client.Call(Principal.ManagementCanister, "raw_rand", EmptyArgs));
        var forged = envelope with { SenderSignature = envelope.SenderSignature!.Select(b => (byte)(b ^ 1)).ToArray() };

        var (status, text) = await Post(client, $"api/v4/canister/{Somewhere}/call", forged.Encode());

        status.Should().Be(HttpStatusCode.BadRequest);
        text.Should().Contain("Failed to authenticate request").And.Contain("Invalid signature");
        await StillServes(client);
    }

    [Fact]
    public async Task A_signature_by_another_key_than_the_senders_is_refused()
    {
        using var alice = fixture.Client(fixture.Alice);
        using var bob = fixture.Client(fixture.Bob);
        var content = alice.Call(Somewhere, "greet", EmptyArgs);
        var envelope = new SignedEnvelope { Content = content, SenderPublicKey = fixture.Bob.PublicKeyDer, SenderSignature = fixture.Bob.SignRequest(content.RequestId) };

        var (status, text) = await Post(alice, $"api/v4/canister/{Somewhere}/call", envelope.Encode());

        status.Should().Be(HttpStatusCode.BadRequest);
        text.Should().Contain($"The user id {alice.Sender} does not match the public key");
    }

    [Fact]
    public async Task An_expired_or_too_distant_ingress_expiry_is_refused()
    {
        using var client = fixture.Client(fixture.Carol);
        var expired = client.Call(Somewhere, "greet", EmptyArgs) with { IngressExpiry = client.Expiry(TimeSpan.FromMinutes(-1)) };
        var distant = client.Call(Somewhere, "greet", EmptyArgs) with { IngressExpiry = client.Expiry(TimeSpan.FromMinutes(10)) };

        var (expiredStatus, expiredText) = await Post(client, $"api/v4/canister/{Somewhere}/call", client.Sign(expired).Encode());
        var (distantStatus, distantText) = await Post(client, $"api/v3/canister/{Somewhere}/query", client.Sign(new QueryContent
        {
            Sender = client.Sender,
            IngressExpiry = distant.IngressExpiry,
            CanisterId = Somewhere,
            MethodName = "greet",
            Arg = EmptyArgs,
        }).Encode());

        expiredStatus.Should().Be(HttpStatusCode.BadRequest);
        expiredText.Should().StartWith("Invalid request expiry: Specified ingress_expiry not within expected range");
        distantStatus.Should().Be(HttpStatusCode.BadRequest);
        distantText.Should().StartWith("Invalid request expiry");
    }

    [Fact]
    public async Task A_canister_id_other_than_the_effective_one_is_refused()
    {
        using var client = fixture.Client(fixture.Alice);
        var other = Principal.FromCanisterIndex(0x8000000000100123);
        var status = CandidEncoder.Encode(CandidText.ParseArguments($"(record {{ canister_id = principal \"{other}\" }})"));

        var (direct, directText) = await Post(client, $"api/v4/canister/{Somewhere}/call", client.Sign(client.Call(other, "greet", EmptyArgs)).Encode());
        var (management, managementText) = await Post(client, $"api/v4/canister/{Somewhere}/call", client.Sign(client.Call(Principal.ManagementCanister, "canister_status", status)).Encode());

        direct.Should().Be(HttpStatusCode.BadRequest);
        directText.Should().Be($"Specified CanisterId {other} does not match effective canister id in URL {Somewhere}");
        management.Should().Be(HttpStatusCode.BadRequest);
        managementText.Should().Contain(other.ToString()).And.Contain("does not match effective canister id");
    }

    [Fact]
    public async Task Oversize_bodies_and_arguments_are_a_413()
    {
        using var client = fixture.Client(fixture.Alice);
        var bigArg = client.Call(Somewhere, "greet", new byte[(2 * 1024 * 1024) + 1]);

        var (argStatus, argText) = await Post(client, $"api/v4/canister/{Somewhere}/call", client.Sign(bigArg).Encode());
        var (bodyStatus, _) = await Post(client, $"api/v4/canister/{Somewhere}/call", new byte[(5 * 1024 * 1024) + 1]);

        argStatus.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        argText.Should().Contain("is too large").And.Contain("2097152");
        bodyStatus.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        await StillServes(client);
        fixture.Emulator.Counters.RejectedRequests.Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task An_anonymous_request_carrying_a_signature_is_refused_and_a_plain_one_accepted()
    {
        using var client = fixture.Client(fixture.Alice);
        var anonymous = new QueryContent { Sender = Principal.Anonymous, IngressExpiry = client.Expiry(), CanisterId = Somewhere, MethodName = "greet", Arg = EmptyArgs };

        var (signed, _) = await Post(client, $"api/v3/canister/{Somewhere}/query", new SignedEnvelope { Content = anonymous, SenderPublicKey = fixture.Alice.PublicKeyDer, SenderSignature = new byte[64] }.Encode());
        var (plain, plainBody) = await client.PostAsync($"api/v3/canister/{Somewhere}/query", new SignedEnvelope { Content = anonymous }.Encode());

        signed.Should().Be(HttpStatusCode.BadRequest);
        plain.Should().Be(HttpStatusCode.OK);
        CborEncoding.DecodeUntagged(plainBody).AsMap("r").Require("status").AsText("status").Should().Be("rejected");
    }

    [Fact]
    public async Task A_delegated_sender_is_accepted_and_a_tampered_delegation_refused()
    {
        using var session = Ed25519Identity.FromSeed(Enumerable.Repeat((byte)9, 32).ToArray());
        using var client = fixture.Client(fixture.Alice);
        var delegation = new SignedDelegation { PublicKey = session.PublicKeyDer, Expiration = client.Expiry(TimeSpan.FromHours(1)), Signature = [] };
        var message = (byte[])[26, .. "ic-request-auth-delegation"u8, .. IcOperator.Agent.RequestIds.RepresentationIndependentHash.Of(delegation.DelegationMap())];
        delegation = delegation with { Signature = fixture.Alice.Sign(message)! };
        var content = new QueryContent { Sender = fixture.Alice.Sender, IngressExpiry = client.Expiry(), CanisterId = Somewhere, MethodName = "greet", Arg = EmptyArgs };
        var envelope = new SignedEnvelope { Content = content, SenderPublicKey = fixture.Alice.PublicKeyDer, SenderDelegation = [delegation], SenderSignature = session.SignRequest(content.RequestId) };
        var tampered = envelope with { SenderDelegation = [delegation with { Expiration = delegation.Expiration + 1 }] };

        var (ok, _) = await client.PostAsync($"api/v3/canister/{Somewhere}/query", envelope.Encode());
        var (bad, badText) = await Post(client, $"api/v3/canister/{Somewhere}/query", tampered.Encode());

        ok.Should().Be(HttpStatusCode.OK);
        bad.Should().Be(HttpStatusCode.BadRequest);
        badText.Should().Contain("Invalid delegation");
    }
}

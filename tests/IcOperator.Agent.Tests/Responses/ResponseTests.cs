using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Identities;
using IcOperator.Agent.RequestIds;
using IcOperator.Agent.Requests;
using IcOperator.Agent.Responses;
using IcOperator.Agent.Tests.Support;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Responses;

public class ResponseTests
{
    private static readonly RequestId SomeRequest = new(System.Security.Cryptography.SHA256.HashData("call"u8));

    [Fact]
    public void Query_responses_round_trip_in_both_shapes()
    {
        var replied = QueryResponse.Replied([0x44, 0x49, 0x44, 0x4c, 0, 0]) with { Signatures = [new NodeSignature(5, new byte[64], Principal.FromCanisterIndex(1))] };
        var decoded = QueryResponse.Decode(replied.Encode());
        decoded.ReplyArg.Should().Equal(replied.ReplyArg);
        decoded.Signatures.Should().ContainSingle().Which.Identity.Should().Be(Principal.FromCanisterIndex(1));

        var rejected = QueryResponse.Rejected(RejectCode.CanisterError, "trapped", "IC0503");
        var back = QueryResponse.Decode(rejected.Encode());
        back.IsReplied.Should().BeFalse();
        back.RejectCode.Should().Be(RejectCode.CanisterError);
        back.ErrorCode.Should().Be("IC0503");
    }

    [Fact]
    public void Query_signable_hash_is_hash_of_map_with_timestamp_and_request_id()
    {
        var response = QueryResponse.Replied([1, 2]);
        var expected = RepresentationIndependentHash.OfMap(
        [
            new("status", RepresentationIndependentHash.OfText("replied")),
            new("reply", RepresentationIndependentHash.OfMap([new("arg", RepresentationIndependentHash.OfBlob([1, 2]))])),
            new("timestamp", RepresentationIndependentHash.OfNat(77UL)),
            new("request_id", RepresentationIndependentHash.OfBlob(SomeRequest.Bytes)),
        ]);
        response.SignableHash(SomeRequest, 77).Should().Equal(expected);
        response.SignableHash(SomeRequest, 78).Should().NotEqual(expected);
    }

    [Fact]
    public void Node_keys_are_read_from_a_real_subnet_certificate()
    {
        var vector = Vectors.Load("certificates", "224od_subnet.json");
        var certificate = Certificate.Decode(vector.Hex("certificate_cbor_hex"));
        var leaves = vector.GetProperty("decoded").GetProperty("non_pruned_leaves").EnumerateArray()
            .Where(l => l.GetProperty("path").GetArrayLength() == 5 && l.GetProperty("path")[2].GetString() == "node")
            .GroupBy(l => l.GetProperty("path")[1].GetString()!)
            .First();
        var subnet = Principal.FromBytes(Convert.FromHexString(leaves.Key));
        var keys = SubnetNodeKeys.FromCertificate(certificate, subnet);
        keys.Keys.Should().HaveCount(leaves.Count());
        foreach (var leaf in leaves)
        {
            var node = Principal.FromBytes(Convert.FromHexString(leaf.GetProperty("path")[3].GetString()!));
            Convert.ToHexStringLower(keys.Keys[node]).Should().Be(leaf.Text("value_hex"));
            DerPublicKey.Parse(keys.Keys[node]).Scheme.Should().Be(SignatureScheme.Ed25519);
        }
    }

    [Fact]
    public void Query_signatures_verify_only_for_known_nodes_and_untampered_replies()
    {
        using var node = Ed25519Identity.Generate();
        var nodeId = Principal.SelfAuthenticating(node.PublicKeyDer);
        var subnet = Principal.FromCanisterIndex(99);
        var tree = new HashTreeBuilder().Add(StatePaths.NodePublicKey(subnet, nodeId), node.PublicKeyDer).Build();
        var keys = SubnetNodeKeys.FromCertificate(new Certificate { Tree = tree, Signature = new byte[48] }, subnet);

        var response = QueryResponse.Replied([7]);
        var signed = response with { Signatures = [new NodeSignature(1000, node.Sign(RequestSigning.ResponseMessage(response.SignableHash(SomeRequest, 1000)))!, nodeId)] };
        keys.VerifyQueryResponse(QueryResponse.Decode(signed.Encode()), SomeRequest, out var problem).Should().BeTrue(problem);

        keys.VerifyQueryResponse(signed with { ReplyArg = [8] }, SomeRequest, out problem).Should().BeFalse();
        problem.Should().Contain("does not verify");
        keys.VerifyQueryResponse(signed, new RequestId(new byte[32]), out problem).Should().BeFalse();
        keys.VerifyQueryResponse(response, SomeRequest, out problem).Should().BeFalse();
        problem.Should().Contain("no node signature");
        var stranger = signed with { Signatures = [signed.Signatures[0] with { Identity = Principal.FromCanisterIndex(5) }] };
        keys.VerifyQueryResponse(stranger, SomeRequest, out problem).Should().BeFalse();
        problem.Should().Contain("not a node of subnet");
    }

    [Fact]
    public void Request_status_is_read_from_the_certified_tree()
    {
        var replied = new RequestId(new byte[32]);
        var rejected = new RequestId(Enumerable.Repeat((byte)1, 32).ToArray());
        var tree = new HashTreeBuilder()
            .Add([.. StatePaths.RequestStatus(replied), "status"u8.ToArray()], "replied"u8)
            .Add([.. StatePaths.RequestStatus(replied), "reply"u8.ToArray()], [0x44, 0x49])
            .Add([.. StatePaths.RequestStatus(rejected), "status"u8.ToArray()], "rejected"u8)
            .Add([.. StatePaths.RequestStatus(rejected), "reject_code"u8.ToArray()], Leb128.EncodeUnsigned(4UL))
            .Add([.. StatePaths.RequestStatus(rejected), "reject_message"u8.ToArray()], "no"u8)
            .Add([.. StatePaths.RequestStatus(rejected), "error_code"u8.ToArray()], "IC0406"u8)
            .Build();

        RequestStatus.FromTree(tree, replied).Should().Match<RequestStatus>(s => s.Status == "replied" && s.Reply!.Length == 2 && s.IsTerminal);
        RequestStatus.FromTree(tree, rejected).Should().BeEquivalentTo(new RequestStatus { Status = "rejected", RejectCode = RejectCode.CanisterReject, RejectMessage = "no", ErrorCode = "IC0406" });
        RequestStatus.FromTree(tree, SomeRequest).Status.Should().Be(RequestStatus.Unknown);
    }

    [Fact]
    public void Call_read_state_and_status_bodies_round_trip()
    {
        CallResponse.Decode(CallResponse.Replied([1, 2, 3]).Encode()).Certificate.Should().Equal(1, 2, 3);
        var rejection = CallResponse.Decode(CallResponse.NonReplicatedRejection(RejectCode.DestinationInvalid, "no such canister", "IC0301").Encode());
        rejection.Should().BeEquivalentTo(CallResponse.NonReplicatedRejection(RejectCode.DestinationInvalid, "no such canister", "IC0301"));
        ReadStateResponse.Decode(new ReadStateResponse([9]).Encode()).Certificate.Should().Equal(9);
        var status = StatusResponse.Decode(new StatusResponse { RootKey = [1], ReplicaHealthStatus = "healthy", ImplVersion = "0.9" }.Encode());
        status.IsHealthy.Should().BeTrue();
        status.RootKey.Should().Equal(1);
    }

    [Fact]
    public void Envelopes_round_trip_and_keep_their_request_id()
    {
        using var identity = Ed25519Identity.Generate();
        RequestContent content = new ReadStateContent
        {
            Sender = identity.Sender,
            IngressExpiry = 1_700_000_000_000_000_000,
            Nonce = [1, 2, 3],
            Paths = [StatePaths.Time, StatePaths.CanisterModuleHash(Principal.FromCanisterIndex(3))],
        };
        var envelope = new SignedEnvelope { Content = content, SenderPublicKey = identity.PublicKeyDer, SenderSignature = identity.SignRequest(content.RequestId) };
        var decoded = SignedEnvelope.Decode(envelope.Encode());
        decoded.Content.RequestId.Should().Be(content.RequestId);
        decoded.Content.Should().BeOfType<ReadStateContent>().Which.Paths.Should().HaveCount(2);
        SignatureVerification.VerifyRequest(decoded.SenderPublicKey!, decoded.Content.RequestId, decoded.SenderSignature!).Should().BeTrue();
        envelope.Encode().AsSpan(0, 3).ToArray().Should().Equal(0xd9, 0xd9, 0xf7);

        var wrongType = CborMap.FromText(("content", CborMap.FromText(("request_type", "upgrade"), ("sender", new CborBytes([4])), ("ingress_expiry", 1UL))));
        ((Action)(() => SignedEnvelope.FromCbor(wrongType))).Should().Throw<CborException>().WithMessage("*request_type*call, query or read_state*upgrade*");
    }
}

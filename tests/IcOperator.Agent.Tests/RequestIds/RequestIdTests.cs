using System.Buffers;
using System.Numerics;
using System.Text.Json;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.RequestIds;
using IcOperator.Agent.Requests;
using IcOperator.Agent.Tests.Support;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.RequestIds;

public class RequestIdTests
{
    [Fact]
    public void Spec_worked_example_gives_the_spec_request_id_field_by_field()
    {
        var example = Vectors.Load("ic-spec", "request-id-example.json");
        var request = example.GetProperty("request");
        var content = new CallContent
        {
            Sender = Principal.FromBytes(request.Hex("sender_hex")),
            IngressExpiry = ulong.Parse(request.Text("ingress_expiry_decimal_string")),
            CanisterId = Principal.FromBytes(request.Hex("canister_id_hex")),
            MethodName = request.Text("method_name"),
            Arg = request.Hex("arg_hex"),
        };
        var map = content.ToCbor();
        foreach (var field in example.GetProperty("field_hashes").EnumerateArray())
        {
            var name = field.Text("field");
            Convert.ToHexStringLower(RepresentationIndependentHash.OfText(name)).Should().Be(field.Text("sha256_field_name"));
            Convert.ToHexStringLower(RepresentationIndependentHash.Of(map.Require(name))).Should().Be(field.Text("sha256_value"), name);
        }

        content.RequestId.ToString().Should().Be(example.Text("expected_request_id_hex"));
        Leb128.EncodeUnsigned(content.IngressExpiry).Should().Equal(request.Hex("ingress_expiry_uleb128_hex"));
    }

    [Fact]
    public void A_call_envelope_carries_its_argument_unchanged_and_the_request_id_of_a_copied_argument()
    {
        var arg = new byte[(1024 * 1024) + 7];
        new Random(7).NextBytes(arg);
        var sender = Principal.FromBytes([1, 2, 3]);
        var content = new CallContent { Sender = sender, IngressExpiry = 1_700_000_000_000_000_000, CanisterId = Principal.FromBytes([4]), MethodName = "upload_chunk", Arg = arg };
        var copy = content with { Arg = [.. arg] };

        var envelope = new SignedEnvelope { Content = content }.Encode();

        var decoded = (CallContent)SignedEnvelope.Decode(envelope).Content;
        decoded.Arg.Should().Equal(arg);
        decoded.RequestId.Should().Be(copy.RequestId);
        content.RequestId.Should().Be(copy.RequestId);
        envelope.Should().Equal(new SignedEnvelope { Content = copy }.Encode());
    }

    [Fact]
    public void A_signed_envelope_in_segments_is_its_encoding_byte_for_byte_with_the_argument_not_copied()
    {
        var arg = new byte[(1024 * 1024) + 11];
        new Random(11).NextBytes(arg);
        var content = new CallContent { Sender = Principal.FromBytes([1, 2, 3]), IngressExpiry = 1_700_000_000_000_000_000, Nonce = [9, 9], CanisterId = Principal.FromBytes([4]), MethodName = "upload_chunk", Arg = arg };
        var envelope = new SignedEnvelope { Content = content, SenderPublicKey = [0x30, 1, 2], SenderSignature = new byte[64] };

        var segments = envelope.EncodeSegments();

        segments.ToArray().Should().Equal(envelope.Encode());
        var memories = new List<ReadOnlyMemory<byte>>();
        foreach (var segment in segments)
        {
            memories.Add(segment);
        }

        memories.Should().HaveCount(3, "the bytes before the argument, the argument itself, the bytes after it");
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memories[1], out var shared).Should().BeTrue();
        shared.Array.Should().BeSameAs(arg);
        shared.Count.Should().Be(arg.Length);
    }

    public static TheoryData<string> ExtraVectorNames()
    {
        var data = new TheoryData<string>();
        foreach (var vector in Vectors.Load("ic-spec", "request-id-extra.json").GetProperty("vectors").EnumerateArray())
        {
            data.Add(vector.Text("name"));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExtraVectorNames))]
    public void Agent_vectors_of_hash_of_map_match(string name)
    {
        var vector = Vectors.Load("ic-spec", "request-id-extra.json").GetProperty("vectors").EnumerateArray().Single(v => v.Text("name") == name);
        var hash = RepresentationIndependentHash.OfMap(vector.GetProperty("map").EnumerateObject().Select(p => new KeyValuePair<string, byte[]>(p.Name, HashTyped(p.Value))));
        Convert.ToHexStringLower(hash).Should().Be(vector.Text("expected_hash_hex"));
    }

    [Fact]
    public void Top_level_array_vector_matches()
    {
        foreach (var vector in Vectors.Load("ic-spec", "request-id-extra.json").GetProperty("non_map_vectors").EnumerateArray())
        {
            Convert.ToHexStringLower(HashTyped(vector.GetProperty("value"))).Should().Be(vector.Text("expected_hash_hex"));
        }
    }

    [Fact]
    public void Spec_leb128_examples_and_nested_map_example_match()
    {
        var vectors = Vectors.Load("ic-spec", "hash-of-map-vectors.json");
        foreach (var v in vectors.GetProperty("unsigned_leb128").EnumerateArray())
        {
            Leb128.EncodeUnsigned(v.GetProperty("value").GetUInt64()).Should().Equal(v.Hex("encoding_hex"));
            Leb128.DecodeUnsigned(v.Hex("encoding_hex"), "value").Should().Be(v.GetProperty("value").GetUInt64());
        }

        foreach (var v in vectors.GetProperty("signed_leb128").EnumerateArray())
        {
            Leb128.EncodeSigned(v.GetProperty("value").GetInt64()).Should().Equal(v.Hex("encoding_hex"));
        }

        var nested = vectors.GetProperty("nested_map_example");
        var map = CborMap.FromText(("reply", CborMap.FromText(("arg", new CborBytes(nested.GetProperty("map").GetProperty("reply").Hex("arg_hex"))))));
        Convert.ToHexStringLower(RepresentationIndependentHash.Of(map)).Should().Be(nested.Text("expected_hash_hex"));

        var textForm = vectors.GetProperty("request_id_text_form");
        RequestId.Parse(textForm.Text("text")).ToString().Should().Be(textForm.Text("bytes_hex"));
        RequestSigningPrefix().Should().Equal(vectors.GetProperty("domain_separators").Hex("ic-request"));
    }

    [Fact]
    public void Unsigned_leb128_decoding_refuses_truncated_overlong_and_trailing_input()
    {
        ((Action)(() => Leb128.DecodeUnsigned([0x80], "time"))).Should().Throw<FormatException>().WithMessage("time: *truncated*");
        ((Action)(() => Leb128.DecodeUnsigned([0x01, 0x02], "time"))).Should().Throw<FormatException>().WithMessage("time: *after the end*");
        ((Action)(() => Leb128.DecodeUnsigned(Convert.FromHexString("ffffffffffffffffff7f"), "time"))).Should().Throw<FormatException>().WithMessage("*64 bits*");
        Leb128.DecodeUnsigned(Leb128.EncodeUnsigned(ulong.MaxValue), "max").Should().Be(ulong.MaxValue);
    }

    [Fact]
    public void Field_order_and_cbor_representation_do_not_change_the_request_id()
    {
        var a = CborMap.FromText(("x", 1UL), ("y", "z"));
        var b = CborMap.FromText(("y", "z"), ("x", 1UL));
        RepresentationIndependentHash.RequestIdOf(a).Should().Be(RepresentationIndependentHash.RequestIdOf(b));
        var reencoded = (CborMap)CborEncoding.DecodeUntagged(Convert.FromHexString("d9d9f7a261791b00000000000000016178617a"));
        RepresentationIndependentHash.RequestIdOf(reencoded).Should().NotBe(RepresentationIndependentHash.RequestIdOf(a));
        RepresentationIndependentHash.RequestIdOf(CborMap.FromText(("y", 1UL), ("x", "z"))).Should().Be(RepresentationIndependentHash.RequestIdOf(reencoded));
    }

    [Fact]
    public void Duplicate_keys_have_no_hash_of_map()
    {
        var act = () => RepresentationIndependentHash.OfMap([new("arg", [1]), new("sender", [2]), new("arg", [3])]);
        act.Should().Throw<ArgumentException>().WithMessage("hash_of_map: duplicate key 'arg'*");
        var large = Enumerable.Range(0, 100).Select(i => new KeyValuePair<string, byte[]>("k" + i, RepresentationIndependentHash.OfNat((ulong)i))).ToList();
        RepresentationIndependentHash.OfMap(large).Should().Equal(RepresentationIndependentHash.OfMap(Enumerable.Reverse(large)));
    }

    private static byte[] RequestSigningPrefix() => IcOperator.Agent.Identities.RequestSigning.RequestMessage(new RequestId(new byte[32]))[..11];

    private static byte[] HashTyped(JsonElement value) => value.Text("type") switch
    {
        "blob" => RepresentationIndependentHash.OfBlob(value.Hex("hex")),
        "text" => RepresentationIndependentHash.OfText(value.Text("value")),
        "nat" => RepresentationIndependentHash.OfNat(BigInteger.Parse(value.Text("value"))),
        "int" => RepresentationIndependentHash.OfInt(BigInteger.Parse(value.Text("value"))),
        "array" => RepresentationIndependentHash.OfArray(value.GetProperty("items").EnumerateArray().Select(HashTyped)),
        "map" => RepresentationIndependentHash.OfMap(value.GetProperty("fields").EnumerateObject().Select(p => new KeyValuePair<string, byte[]>(p.Name, HashTyped(p.Value)))),
        var other => throw new InvalidOperationException("unknown vector type " + other),
    };
}

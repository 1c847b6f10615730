using IcOperator.Agent.Icrc3;
using IcOperator.Agent.Tests.Support;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Icrc3;

public sealed class Icrc3CodecTests
{
    [Fact]
    public void Every_vector_value_survives_Candid_with_the_same_hash()
    {
        foreach (var vector in Vectors.Load("icrc3", "value-hash.json").GetProperty("vectors").EnumerateArray())
        {
            var value = Icrc3HashTests.Parse(vector.GetProperty("value"));

            var decoded = Icrc3Codec.DecodeValue(Icrc3Codec.EncodeValue(value));

            Assert.Equal(value, decoded);
            Assert.Equal(vector.Text("hash"), Convert.ToHexStringLower(decoded.Hash()));
        }
    }

    [Fact]
    public void Value_is_encoded_as_the_standard_variant_with_a_recursive_type()
    {
        var bytes = Icrc3Codec.EncodeValue(Icrc3Value.Array(Icrc3Value.Nat(3), Icrc3Value.Map(("k", Icrc3Value.Blob([1])))));

        // Decoded without a type, the value's cases are named by the hashes of the standard's case names.
        var message = CandidDecoder.Decode(bytes);
        var array = Assert.IsType<CandidVariant>(message.Values[0]);
        Assert.True(array.Is("Array"));
        var map = Assert.IsType<CandidVariant>(array.Value.AsVec()[1]);
        Assert.True(map.Is("Map"));
    }

    [Fact]
    public void Get_blocks_reply_round_trips_with_ids_blocks_and_archives()
    {
        var archive = Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai");
        var block = Icrc3Blocks.Block(null, "121start", 5, Icrc3Value.Map(("canister_id", Icrc3Value.Blob([1, 2]))));
        var result = new GetBlocksResult(7, [new Icrc3Block(0, block)], [new ArchivedBlocks([new BlockRange(1, 6)], archive, "get_blocks")]);

        var decoded = Icrc3Codec.DecodeGetBlocksResult(Icrc3Codec.EncodeGetBlocksResult(result));

        Assert.Equal(7, decoded.LogLength);
        Assert.Equal(block, Assert.Single(decoded.Blocks).Block);
        var archived = Assert.Single(decoded.Archived);
        Assert.Equal((archive, "get_blocks"), (archived.Canister, archived.Method));
        Assert.Equal(new BlockRange(1, 6), Assert.Single(archived.Ranges));
    }

    [Fact]
    public void Endpoint_arguments_and_replies_round_trip()
    {
        Assert.Equal([new BlockRange(3, 100)], Icrc3Codec.DecodeGetBlocksArgs(Icrc3Codec.EncodeGetBlocksArgs([new BlockRange(3, 100)])));
        Assert.Null(Icrc3Codec.DecodeTipCertificate(Icrc3Codec.EncodeTipCertificate(null)));
        var tip = Icrc3Codec.DecodeTipCertificate(Icrc3Codec.EncodeTipCertificate(new DataCertificate([1, 2], [3])))!;
        Assert.Equal([1, 2], tip.Certificate);
        Assert.Equal([3], tip.HashTree);
        Assert.Equal([new SupportedBlockType("121stop", "u")], Icrc3Codec.DecodeSupportedBlockTypes(Icrc3Codec.EncodeSupportedBlockTypes([new SupportedBlockType("121stop", "u")])));
        Assert.Equal([new SupportedStandard("ICRC-3", "u")], Icrc3Codec.DecodeSupportedStandards(Icrc3Codec.EncodeSupportedStandards([new SupportedStandard("ICRC-3", "u")])));
        Assert.Empty(Icrc3Codec.DecodeGetArchivesResult(Icrc3Codec.EncodeGetArchivesResult([])));
    }
}

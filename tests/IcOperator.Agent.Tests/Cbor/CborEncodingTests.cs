using System.Buffers;
using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.Tests.Cbor;

public class CborEncodingTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(23UL, "17")]
    [InlineData(24UL, "1818")]
    [InlineData(255UL, "18ff")]
    [InlineData(256UL, "190100")]
    [InlineData(65536UL, "1a00010000")]
    [InlineData(4294967296UL, "1b0000000100000000")]
    [InlineData(ulong.MaxValue, "1bffffffffffffffff")]
    public void Unsigned_integers_use_the_shortest_head_of_RFC_8949(ulong value, string hex)
    {
        CborEncoding.Encode(value).Should().Equal(Convert.FromHexString(hex));
        CborEncoding.Decode(Convert.FromHexString(hex)).Should().Be(new CborUnsigned(value));
    }

    [Theory]
    [InlineData(-1L, "20")]
    [InlineData(-100L, "3863")]
    [InlineData(-1000L, "3903e7")]
    public void Negative_integers_encode_as_major_type_1(long value, string hex)
    {
        CborEncoding.Encode(CborNegative.FromInt64(value)).Should().Equal(Convert.FromHexString(hex));
        ((CborNegative)CborEncoding.Decode(Convert.FromHexString(hex))).Value.Should().Be(value);
    }

    [Fact]
    public void Rfc_8949_examples_of_strings_arrays_and_maps_round_trip()
    {
        // Appendix A of RFC 8949.
        var examples = new (string Hex, CborValue Value)[]
        {
            ("40", new CborBytes([])),
            ("4401020304", new CborBytes([1, 2, 3, 4])),
            ("60", new CborText(string.Empty)),
            ("6449455446", new CborText("IETF")),
            ("62c3bc", new CborText("ü")),
            ("83010203", new CborArray(1UL, 2UL, 3UL)),
            ("8301820203820405", new CborArray(1UL, new CborArray(2UL, 3UL), new CborArray(4UL, 5UL))),
            ("a26161016162820203", CborMap.FromText(("a", 1UL), ("b", new CborArray(2UL, 3UL)))),
            ("f4", CborValue.False),
            ("f5", CborValue.True),
            ("f6", CborValue.Null),
        };
        foreach (var (hex, value) in examples)
        {
            CborEncoding.Encode(value).Should().Equal(Convert.FromHexString(hex), hex);
            CborEncoding.Decode(Convert.FromHexString(hex)).Should().Be(value, hex);
        }
    }

    [Theory]
    [InlineData(23, "57")]
    [InlineData(24, "5818")]
    [InlineData(255, "58ff")]
    [InlineData(256, "590100")]
    [InlineData(65535, "59ffff")]
    [InlineData(65536, "5a00010000")]
    [InlineData(1048577, "5a00100001")]
    public void A_byte_string_at_each_head_width_is_its_head_then_its_bytes_inside_a_tagged_map(int length, string head)
    {
        var content = new byte[length];
        new Random(length).NextBytes(content);
        var value = CborMap.FromText(("arg", new CborBytes(content)), ("\u00fc", 1UL));

        var bytes = CborEncoding.Encode(value, selfDescribe: true);

        // d9d9f7 (self-describe), a2 (a map of 2), 63 "arg", the head, the bytes, 62 "ü" (two UTF-8 bytes), 01.
        var expected = Convert.FromHexString("d9d9f7a263617267" + head).Concat(content).Concat(Convert.FromHexString("62c3bc01")).ToArray();
        bytes.Should().Equal(expected);
        CborEncoding.Decode(bytes).Untagged().Should().Be(value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(70_000)]
    public void Encoding_in_segments_gives_the_same_bytes_and_shares_each_byte_string_from_the_threshold(int shareFrom)
    {
        var small = new byte[100];
        var large = new byte[70_000];
        new Random(shareFrom).NextBytes(small);
        new Random(shareFrom + 1).NextBytes(large);
        var value = CborMap.FromText(
            ("content", CborMap.FromText(("arg", new CborBytes(large)), ("nonce", new CborBytes(small)), ("n", 5UL))),
            ("list", new CborArray(new CborBytes(small), "text", new CborTag(42, new CborBytes(large)))),
            ("empty", new CborBytes([])));

        var segments = CborEncoding.EncodeSegments(value, selfDescribe: true, shareFrom);

        segments.ToArray().Should().Equal(CborEncoding.Encode(value, selfDescribe: true));
        var count = 0;
        foreach (var segment in segments)
        {
            count++;
        }

        // Each shared string adds two segments: itself and the bytes after it (the empty string counts from 0).
        var shared = (shareFrom <= 0 ? 1 : 0) + (shareFrom <= 100 ? 2 : 0) + (shareFrom <= 70_000 ? 2 : 0);
        count.Should().Be(1 + (2 * shared));
    }

    [Fact]
    public void Self_describe_tag_is_written_once_and_removed_by_Untagged()
    {
        var bytes = CborEncoding.Encode(CborMap.FromText(("a", 1UL)), selfDescribe: true);
        Convert.ToHexStringLower(bytes).Should().Be("d9d9f7a1616101");
        CborEncoding.Encode(new CborTag(CborTag.SelfDescribe, 1UL), selfDescribe: true).Should().Equal(Convert.FromHexString("d9d9f701"));
        CborEncoding.DecodeUntagged(bytes).Should().Be(CborMap.FromText(("a", 1UL)));
    }

    [Theory]
    [InlineData("5f42010243030405ff", "indefinite-length")]
    [InlineData("9f01ff", "indefinite-length")]
    [InlineData("f97c00", "float")]
    [InlineData("fb3ff199999999999a", "float")]
    [InlineData("f7", "simple value")]
    [InlineData("1c", "reserved")]
    [InlineData("0000", "trailing")]
    [InlineData("4401", "input ends")]
    [InlineData("62c328", "UTF-8")]
    [InlineData("a2616101616102", "duplicate map key")]
    [InlineData("9bffffffffffffffff", "claims")]
    [InlineData("5bffffffffffffffff", "limit")]
    public void Strict_decoding_refuses_what_the_IC_never_sends(string hex, string reason)
    {
        var act = () => CborEncoding.Decode(Convert.FromHexString(hex));
        act.Should().Throw<CborException>().Which.Message.Should().Contain(reason);
    }

    [Fact]
    public void Depth_limit_stops_deeply_nested_input()
    {
        var nested = Enumerable.Repeat((byte)0x81, 200).Append((byte)0x00).ToArray();
        var act = () => CborEncoding.Decode(nested);
        act.Should().Throw<CborException>().Which.Message.Should().Contain("nesting deeper than 128");
        CborEncoding.Decode(nested, new CborLimits { MaxDepth = 300 }).Should().BeOfType<CborArray>();
    }

    [Fact]
    public void Non_minimal_integer_heads_are_accepted_because_the_request_id_does_not_depend_on_them()
    {
        CborEncoding.Decode(Convert.FromHexString("1b0000000000000005")).Should().Be(new CborUnsigned(5));
    }

    [Fact]
    public void Random_values_round_trip_through_encode_and_decode()
    {
        var random = new Random(4);
        for (var i = 0; i < 2000; i++)
        {
            var value = CborGenerator.Value(random, 4);
            var bytes = CborEncoding.Encode(value, selfDescribe: i % 2 == 0);
            var decoded = CborEncoding.Decode(bytes);
            (i % 2 == 0 ? decoded.Untagged() : decoded).Should().Be(value);
            CborEncoding.Encode(decoded).Should().Equal(bytes);
        }
    }

    [Fact]
    public void Accessors_name_the_field_and_what_was_found()
    {
        var act = () => new CborText("x").AsBytes("arg");
        act.Should().Throw<CborException>().WithMessage("CBOR field 'arg': expected a byte string, found a text string");
        var missing = () => CborMap.FromText(("a", 1UL)).Require("certificate");
        missing.Should().Throw<CborException>().WithMessage("*'certificate' is missing*");
    }
}

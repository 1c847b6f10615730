namespace IcOperator.Candid.Tests.Binary;

/// <summary>Deeply nested input fails with an error, never with a stack overflow.</summary>
public sealed class NestingTests
{
    [Fact]
    public void A_recursive_value_nested_100_000_deep_is_refused()
    {
        // type Opt = opt Opt; the value opt opt opt … null, one byte per level.
        var message = new List<byte>("DIDL\x01\x6e\x00\x01\x00"u8.ToArray());
        message.AddRange(Enumerable.Repeat((byte)1, 100_000));
        message.Add(0);
        var opt = DidFile.Parse("type Opt = opt Opt;").GetType("Opt");

        var act = () => CandidDecoder.Decode([.. message], [opt]);
        act.Should().Throw<CandidException>().WithMessage("*nest deeper than 512 levels*");
        var skipped = () => CandidDecoder.Decode([.. message], []);
        skipped.Should().Throw<CandidException>().WithMessage("*nest deeper than 512 levels*", "skipped arguments are read too");
    }

    [Fact]
    public void Values_nested_within_the_bound_decode()
    {
        var message = new List<byte>("DIDL\x01\x6e\x00\x01\x00"u8.ToArray());
        message.AddRange(Enumerable.Repeat((byte)1, 400));
        message.Add(0);
        var opt = DidFile.Parse("type Opt = opt Opt;").GetType("Opt");
        var value = CandidDecoder.DecodeOne([.. message], opt);
        var depth = 0;
        while (value.AsOption() is { } inner)
        {
            value = inner;
            depth++;
        }

        depth.Should().Be(400);
    }

    [Fact]
    public void A_type_table_chained_50_000_deep_is_refused_when_read_or_printed()
    {
        // Entry i is `opt (i + 1)`; the last is `opt nat`: no recursion, only depth.
        const int n = 50_000;
        var sink = new List<byte>("DIDL"u8.ToArray());
        sink.AddRange(Leb(n));
        for (var i = 0; i < n; i++)
        {
            sink.Add(0x6e);
            sink.AddRange(i == n - 1 ? [0x7d] : Sleb(i + 1));
        }

        sink.AddRange([1, 0, 0]); // one argument of type 0, value: none
        var message = sink.ToArray();

        // At its own type the value is just `null`; printing the type is cut short.
        var decoded = CandidDecoder.Decode(message);
        decoded.Values.Single().AsOption().Should().BeNull();
        decoded.Types.Single().ToString().Should().Contain("…");

        // Reading it at an expected type is fine too: the value is shallow.
        CandidDecoder.DecodeOne(message, CandidType.Opt(CandidType.Nat)).AsOption().Should().BeNull();
    }

    [Fact]
    public void Subtyping_of_types_nested_beyond_the_bound_is_an_error()
    {
        CandidType a = CandidType.Nat, b = CandidType.Nat;
        for (var i = 0; i < 10_000; i++)
        {
            a = CandidType.Vec(a);
            b = CandidType.Vec(b);
        }

        var act = () => a.IsSubtypeOf(b);
        act.Should().Throw<CandidException>().WithMessage("*nest deeper than 512 levels*");
    }

    [Fact]
    public void Text_and_did_nesting_is_bounded()
    {
        var deepValue = string.Concat(Enumerable.Repeat("opt ", 100_000)) + "1";
        var parseValue = () => CandidText.ParseValue(deepValue);
        parseValue.Should().Throw<CandidParseException>().WithMessage("*nest deeper*");

        var deepType = string.Concat(Enumerable.Repeat("opt ", 100_000)) + "nat";
        var parseType = () => CandidType.Parse(deepType);
        parseType.Should().Throw<CandidParseException>().WithMessage("*nest deeper*");

        // A chain of named types has no syntactic depth, but encoding through it is bounded.
        var chain = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"type T{i} = opt T{i + 1};\n")) + "type T5000 = nat;";
        var t0 = DidFile.Parse(chain).GetType("T0");
        var encode = () => CandidEncoder.EncodeOne(t0, CandidValue.None);
        encode.Should().Throw<CandidException>().WithMessage("*nest deeper than 512 levels*");
    }

    // Type references are signed LEB128.
    private static byte[] Sleb(int value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0))
            {
                bytes.Add(b);
                return [.. bytes];
            }

            bytes.Add((byte)(b | 0x80));
        }
    }

    private static byte[] Leb(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}

using System.Numerics;

namespace IcOperator.Candid.Tests.Binary;

public sealed class EncoderTests
{
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void Encodes_a_nat_as_the_specification_shows()
    {
        Hex(CandidEncoder.EncodeOne(CandidType.Nat, CandidValue.Nat(42))).Should().Be("4449444c00017d2a");
        Hex(CandidEncoder.Encode([], [])).Should().Be("4449444c0000");
    }

    [Fact]
    public void Encodes_a_named_record_with_fields_sorted_by_hash()
    {
        var type = CandidType.Parse("record { foo : int; bar : bool }");
        var bytes = CandidEncoder.EncodeOne(type, CandidValue.Record(("foo", CandidValue.Int(42)), ("bar", CandidValue.Bool(true))));
        // The construct suite's "record: named fields" message.
        Hex(bytes).Should().Be("4449444c016c02d3e3aa027e868eb7027c0100012a");
    }

    [Fact]
    public void A_chunk_sized_blob_followed_by_a_principal_is_the_blob_then_the_principal()
    {
        // upload_chunk's argument: the chunk field's hash sorts before canister_id's, so the principal is written after a MiB.
        var type = CandidType.Parse("record { canister_id : principal; chunk : blob }");
        var chunk = new byte[1024 * 1024];
        new Random(1).NextBytes(chunk);
        var canister = Principal.FromBytes([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);

        var bytes = CandidEncoder.EncodeOne(type, CandidValue.Record(("canister_id", CandidValue.Principal(canister)), ("chunk", CandidValue.Blob(chunk))));

        // The same message with an empty blob, plus the chunk and two more bytes of its LEB128 length (80 80 40 for 00).
        var empty = CandidEncoder.EncodeOne(type, CandidValue.Record(("canister_id", CandidValue.Principal(canister)), ("chunk", CandidValue.Blob([]))));
        bytes.Length.Should().Be(empty.Length + chunk.Length + 2);
        Hex(bytes[(empty.Length - 13)..(empty.Length - 10)]).Should().Be("808040");
        bytes.AsSpan(empty.Length - 10, chunk.Length).SequenceEqual(chunk).Should().BeTrue();
        Hex(bytes[^12..]).Should().Be("010a" + Convert.ToHexStringLower(canister.Bytes));
        CandidDecoder.DecodeOne(bytes, type).Should().Be(CandidValue.Record(("canister_id", CandidValue.Principal(canister)), ("chunk", CandidValue.Blob(chunk))));
    }

    [Fact]
    public void Shares_one_table_entry_between_equal_compound_types()
    {
        var type = CandidType.Parse("record { a : opt nat; b : opt nat; c : vec opt nat }");
        var bytes = CandidEncoder.EncodeOne(type, CandidText.ParseValue("record { a = opt 1; b = null; c = vec { opt 2 } }", type));
        var message = CandidDecoder.Decode(bytes);
        bytes[4].Should().Be(3, "opt nat, vec (opt nat) and the record: three entries, not four");
        message.Values.Should().ContainSingle();
    }

    [Fact]
    public void Encodes_recursive_types_with_a_back_reference()
    {
        var did = DidFile.Parse("type List = opt record { head : int; tail : List };");
        var list = did.GetType("List");
        var value = CandidText.ParseValue("opt record { head = 1; tail = opt record { head = 2; tail = null } }", list);
        var bytes = CandidEncoder.EncodeOne(list, value);
        // Type table: opt → 1, record { head : int; tail : 0 } as the construct suite writes it.
        Hex(bytes).Should().StartWith("4449444c026e016c02a0d2aca8047c90eddae7040001");
        CandidDecoder.DecodeOne(bytes, list).Should().Be(value);
    }

    [Theory]
    [InlineData("nat", "18446744073709551616")]
    [InlineData("nat", "340282366920938463463374607431768211455")]
    [InlineData("int", "-9223372036854775809")]
    [InlineData("int", "-170141183460469231731687303715884105728")]
    [InlineData("int", "63")]
    [InlineData("int", "-64")]
    [InlineData("int", "64")]
    [InlineData("int", "-65")]
    [InlineData("nat64", "18446744073709551615")]
    [InlineData("int64", "-9223372036854775808")]
    [InlineData("int8", "-128")]
    [InlineData("int16", "-32768")]
    [InlineData("nat16", "65535")]
    [InlineData("int32", "-2147483648")]
    public void Integers_round_trip_at_their_extremes(string type, string number)
    {
        var t = CandidType.Parse(type);
        var value = new CandidNumber(t.Kind, BigInteger.Parse(number, System.Globalization.CultureInfo.InvariantCulture));
        CandidDecoder.DecodeOne(CandidEncoder.EncodeOne(t, value), t).Should().Be(value);
    }

    [Fact]
    public void Signed_leb128_matches_the_specification_example()
    {
        // The interface specification's SLEB128 example: -123456 → c0 bb 78.
        Hex(CandidEncoder.EncodeOne(CandidType.Int, CandidValue.Int(-123456))).Should().EndWith("7cc0bb78");
        Hex(CandidEncoder.EncodeOne(CandidType.Nat, CandidValue.Nat(624485))).Should().EndWith("7de58e26");
    }

    [Fact]
    public void Floats_text_and_references_round_trip()
    {
        var types = CandidType.ParseArguments("(float32, float64, text, principal, service {}, func (nat) -> (text) query, reserved)");
        var values = CandidText.ParseArguments("(1.5, -2.25e10, \"☃ \\n\", principal \"2vxsx-fae\", service \"aaaaa-aa\", func \"ryjl3-tyaaa-aaaaa-aaaba-cai\".get, null)", types);
        CandidDecoder.Decode(CandidEncoder.Encode(types, values), types).Should().Equal(values);
        values[0].Should().Be(CandidValue.Float32(1.5f));
    }

    [Fact]
    public void A_value_that_does_not_fit_its_type_names_the_field()
    {
        var type = CandidType.Parse("record { owner : principal; amounts : vec nat }");
        var value = CandidValue.Record(("owner", CandidValue.Principal(Principal.Anonymous)), ("amounts", CandidValue.Vec(CandidValue.Text("x"))));
        var act = () => CandidEncoder.EncodeOne(type, value);
        act.Should().Throw<CandidException>().WithMessage("*field 'amounts'*expected a value of type nat*\"x\"*");
    }

    [Fact]
    public void A_record_value_missing_a_required_field_is_refused_but_missing_opt_fields_are_null()
    {
        var type = CandidType.Parse("record { a : nat; b : opt nat }");
        var bytes = CandidEncoder.EncodeOne(type, CandidValue.Record(("a", CandidValue.Nat(1))));
        CandidDecoder.DecodeOne(bytes, type)["b"].AsOption().Should().BeNull();
        var act = () => CandidEncoder.EncodeOne(type, CandidValue.Record(("b", CandidValue.None)));
        act.Should().Throw<CandidException>().WithMessage("*no field 'a'*");
    }

    [Fact]
    public void Values_without_types_are_encoded_with_inferred_types()
    {
        var values = CandidText.ParseArguments("(42, \"x\", vec { 1; 2 }, record { a = true }, opt null, variant { ok = 1.5 })");
        var message = CandidDecoder.Decode(CandidEncoder.Encode(values));
        // 97 and 24860 are the field ids of "a" and "ok".
        string.Join(", ", message.Types).Should().Be("int, text, vec int, record { 97 : bool; }, opt null, variant { 24860 : float64; }");
        message.Values[0].AsBigInteger().Should().Be(42);
    }
}

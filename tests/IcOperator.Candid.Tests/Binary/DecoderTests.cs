namespace IcOperator.Candid.Tests.Binary;

public sealed class DecoderTests
{
    [Theory]
    [InlineData("4449444c000171" + "03e228a1", "not valid UTF-8")]
    [InlineData("4449444c00017e" + "02", "bool byte is 2")]
    [InlineData("4449444c016e7e010002", "opt tag is 2")]
    [InlineData("4449444c00016801" + "1e" + "000000000000000000000000000000000000000000000000000000000000", "at most 29")]
    [InlineData("4449444c016b01007f010001", "variant index 1 is out of range")]
    public void Extra_arguments_are_checked_even_though_they_are_skipped(string hex, string reason)
    {
        var message = Convert.FromHexString(hex);
        var act = () => CandidDecoder.Decode(message, []);
        act.Should().Throw<CandidException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Fields_and_values_the_expected_type_ignores_are_still_checked()
    {
        // record { 0 : text } holding the invalid UTF-8 bytes e2 28 a1.
        var message = Convert.FromHexString("4449444c016c0100710100" + "03e228a1");
        var atEmptyRecord = () => CandidDecoder.Decode(message, [CandidType.Parse("record {}")]);
        atEmptyRecord.Should().Throw<CandidException>().WithMessage("*not valid UTF-8*");
        var atReserved = () => CandidDecoder.Decode(message, [CandidType.Reserved]);
        atReserved.Should().Throw<CandidException>().WithMessage("*not valid UTF-8*");

        var good = Convert.FromHexString("4449444c016c0100710100" + "03e29883");
        CandidDecoder.Decode(good, [CandidType.Parse("record {}")]).Single().Should().Be(CandidValue.Tuple());
        CandidDecoder.Decode(good, [CandidType.Parse("opt record { 0 : reserved }")]).Single()
            .Should().Be(CandidValue.Some(CandidValue.Record(new CandidFieldValue(0, CandidValue.Reserved))));
    }

    [Fact]
    public void Extra_arguments_that_are_well_formed_are_ignored()
    {
        var types = CandidType.ParseArguments("(nat, vec text, opt record { a : int })");
        var bytes = CandidText.EncodeArguments("(1, vec { \"x\"; \"☃\" }, opt record { a = -1 })", types);
        CandidDecoder.Decode(bytes, [CandidType.Nat]).Single().AsBigInteger().Should().Be(1);
        CandidDecoder.Decode(bytes, []).Should().BeEmpty();
    }

    [Fact]
    public void A_lower_value_bound_refuses_a_message_the_default_accepts()
    {
        var type = CandidType.Parse("vec null");
        var bytes = CandidEncoder.EncodeOne(type, CandidValue.Vec(Enumerable.Repeat(CandidValue.Null, 5000)));
        CandidDecoder.DecodeOne(bytes, type).AsVec().Should().HaveCount(5000);
        var strict = new CandidDecoderOptions { MaxValues = 1000 };
        var act = () => CandidDecoder.Decode(bytes, [type], strict);
        act.Should().Throw<CandidException>().WithMessage("*5000 zero-sized elements exceeds the limit of 1000*");
    }

    [Fact]
    public void Decoding_without_types_gives_the_wire_types()
    {
        var bytes = CandidText.EncodeArguments("(record { a = 1; b = opt \"x\" }, variant { ok })", CandidType.ParseArguments("(record { a : nat8; b : opt text }, variant { ok; err : text })"));
        var message = CandidDecoder.Decode(bytes);
        message.Types.Should().HaveCount(2);
        message.Types[0].Resolved.Should().BeOfType<RecordType>().Which.Find("a")!.Type.Should().BeSameAs(CandidType.Nat8);
        message.Values[0]["b"].AsOption()!.AsText().Should().Be("x");
        ((CandidVariant)message.Values[1]).Is("ok").Should().BeTrue();
    }

    [Fact]
    public void A_value_that_does_not_fit_names_the_argument_and_field()
    {
        var bytes = CandidText.EncodeArguments("(record { owner = \"me\" })", CandidType.ParseArguments("(record { owner : text })"));
        var act = () => CandidDecoder.Decode(bytes, CandidType.ParseArguments("(record { owner : principal })"));
        act.Should().Throw<CandidException>().WithMessage("argument 0: field 'owner': a value of type text does not fit type principal");
    }
}

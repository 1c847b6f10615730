namespace IcOperator.Candid.Tests.Values;

public sealed class ValueEqualityTests
{
    public static TheoryData<string, string> EqualPairs() => new()
    {
        { "null", "none" },
        { "blob", "vec nat8" },
        { "literal", "typed" },
    };

    [Theory]
    [MemberData(nameof(EqualPairs))]
    public void Equal_values_are_equal_both_ways_with_equal_hash_codes(string left, string right)
    {
        var (a, b) = Pair(left, right);
        a.Equals(b).Should().BeTrue();
        b.Equals(a).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void Different_values_differ()
    {
        CandidValue.Nat(1).Should().NotBe(CandidValue.Nat(2));
        CandidValue.Some(CandidValue.Null).Should().NotBe(CandidValue.None);
        CandidValue.Variant("ok").Should().NotBe(CandidValue.Variant("err"));
        CandidValue.Record(("a", CandidValue.Nat(1))).Should().NotBe(CandidValue.Record(("b", CandidValue.Nat(1))));
        CandidValue.Text("a").Should().NotBe(CandidValue.Blob("a"u8.ToArray()));
        CandidValue.Principal(Principal.Anonymous).Should().NotBe(CandidValue.ServiceReference(Principal.Anonymous));
    }

    [Fact]
    public void Accessors_name_what_they_expected()
    {
        var act = () => CandidValue.Text("x").AsBigInteger();
        act.Should().Throw<CandidException>().WithMessage("expected a nat value, found \"x\"");
        var field = () => CandidValue.Record(("a", CandidValue.Nat(1)))["b"];
        field.Should().Throw<CandidException>().WithMessage("record has no field 'b'*");
        CandidValue.Nat64(ulong.MaxValue).AsUInt64().Should().Be(ulong.MaxValue);
        var overflow = () => CandidValue.Nat(System.Numerics.BigInteger.Pow(2, 64)).AsUInt64();
        overflow.Should().Throw<CandidException>().WithMessage("18446744073709551616 does not fit in a ulong");
    }

    private static (CandidValue, CandidValue) Pair(string left, string right) => (left, right) switch
    {
        ("null", _) => (CandidValue.Null, CandidValue.None),
        ("blob", _) => (CandidValue.Blob([1, 2, 3]), CandidValue.Vec(CandidValue.Nat8(1), CandidValue.Nat8(2), CandidValue.Nat8(3))),
        _ => (CandidText.ParseValue("42"), CandidValue.Nat(42)),
    };
}

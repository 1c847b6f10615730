using System.Numerics;
using System.Text.Json;
using IcOperator.Agent.Icrc3;
using IcOperator.Agent.Tests.Support;

namespace IcOperator.Agent.Tests.Icrc3;

public sealed class Icrc3HashTests
{
    public static TheoryData<string> VectorNames()
    {
        var data = new TheoryData<string>();
        foreach (var v in Vectors.Load("icrc3", "value-hash.json").GetProperty("vectors").EnumerateArray())
        {
            data.Add(v.Text("name"));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Value_hash_matches_the_ICRC3_test_vector(string name)
    {
        var vector = Vectors.Load("icrc3", "value-hash.json").GetProperty("vectors").EnumerateArray().Single(v => v.Text("name") == name);

        var value = Parse(vector.GetProperty("value"));

        Assert.Equal(vector.Text("hash"), Convert.ToHexStringLower(value.Hash()));
    }

    [Fact]
    public void Map_hash_does_not_depend_on_key_order()
    {
        var a = Icrc3Value.Map(("amount", Icrc3Value.Nat(42)), ("memo", Icrc3Value.Text("m")));
        var b = Icrc3Value.Map(("memo", Icrc3Value.Text("m")), ("amount", Icrc3Value.Nat(42)));

        Assert.Equal(a.Hash(), b.Hash());
        Assert.NotEqual(a.Hash(), Icrc3Value.Map(("amount", Icrc3Value.Nat(43)), ("memo", Icrc3Value.Text("m"))).Hash());
    }

    [Fact]
    public void Nat_and_Int_of_the_same_number_hash_differently_where_their_LEB128_differs()
    {
        // 64 is one byte in LEB128 (0x40) but two in SLEB128 (0xC0 0x00): the encodings, and so the hashes, differ.
        Assert.NotEqual(Icrc3Value.Nat(64).Hash(), Icrc3Value.Int(64).Hash());
        Assert.Equal(Icrc3Value.Nat(63).Hash(), Icrc3Value.Int(63).Hash());
    }

    [Fact]
    public void Map_with_a_repeated_key_is_refused_by_name()
    {
        var e = Assert.Throws<FormatException>(() => Icrc3Value.Map(("tx", Icrc3Value.Nat(1)), ("tx", Icrc3Value.Nat(2))));
        Assert.Contains("'tx'", e.Message);
    }

    internal static Icrc3Value Parse(JsonElement e)
    {
        var property = e.EnumerateObject().Single();
        return property.Name switch
        {
            "Nat" => Icrc3Value.Nat(BigInteger.Parse(property.Value.GetString()!)),
            "Int" => Icrc3Value.Int(BigInteger.Parse(property.Value.GetString()!)),
            "Text" => Icrc3Value.Text(property.Value.GetString()!),
            "Blob" => Icrc3Value.Blob(Convert.FromHexString(property.Value.GetString()!)),
            "Array" => Icrc3Value.Array(property.Value.EnumerateArray().Select(Parse)),
            "Map" => Icrc3Value.Map(property.Value.EnumerateArray().Select(p => (p[0].GetString()!, Parse(p[1])))),
            _ => throw new FormatException(property.Name),
        };
    }
}

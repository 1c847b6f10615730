using System.Text.Json;
using IcOperator.Testing;

namespace IcOperator.Candid.Tests.Principals;

public sealed class PrincipalTests
{
    private static readonly JsonElement Vectors =
        JsonDocument.Parse(File.ReadAllText(TestPaths.Vectors("principals", "principals.json"))).RootElement;

    public static TheoryData<string, string> ValidPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var v in Vectors.GetProperty("valid").EnumerateArray())
        {
            data.Add(v.GetProperty("text").GetString()!, v.GetProperty("bytes_hex").GetString()!);
        }

        return data;
    }

    public static TheoryData<string> InvalidTexts()
    {
        var data = new TheoryData<string>();
        foreach (var v in Vectors.GetProperty("invalid_text").EnumerateArray())
        {
            data.Add(v.GetProperty("text").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidPairs))]
    public void Text_and_bytes_convert_both_ways(string text, string hex)
    {
        var parsed = Principal.Parse(text);
        parsed.ToHex().Should().Be(hex);
        Principal.FromBytes(Convert.FromHexString(hex)).ToString().Should().Be(text);
    }

    [Theory]
    [MemberData(nameof(InvalidTexts))]
    public void Invalid_text_is_rejected_with_a_reason(string text)
    {
        Principal.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain("not a principal");
        var act = () => Principal.Parse(text);
        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Upper_case_text_parses()
    {
        foreach (var v in Vectors.GetProperty("case_insensitive_parse").EnumerateArray())
        {
            Principal.Parse(v.GetProperty("text").GetString()!).ToHex().Should().Be(v.GetProperty("bytes_hex").GetString());
        }
    }

    [Fact]
    public void Self_authenticating_ids_are_sha224_of_the_der_key_then_0x02()
    {
        foreach (var v in Vectors.GetProperty("self_authenticating").EnumerateArray())
        {
            var der = Convert.FromHexString(v.GetProperty("public_key_der_hex").GetString()!);
            var principal = Principal.SelfAuthenticating(der);
            principal.ToHex().Should().Be(v.GetProperty("principal_bytes_hex").GetString());
            principal.IsSelfAuthenticating.Should().BeTrue();
            if (v.TryGetProperty("principal_text", out var t))
            {
                principal.ToString().Should().Be(t.GetString());
            }
        }
    }

    [Fact]
    public void Crc32_matches_the_vectors()
    {
        foreach (var v in Vectors.GetProperty("crc32").EnumerateArray())
        {
            var crc = Crc32.Compute(Convert.FromHexString(v.GetProperty("input_hex").GetString()!));
            crc.ToString("x8").Should().Be(v.GetProperty("crc32_hex").GetString());
        }
    }

    [Fact]
    public void Ordering_is_bytewise()
    {
        foreach (var group in Vectors.GetProperty("ordering").EnumerateArray())
        {
            foreach (var pair in group.GetProperty("lt").EnumerateArray())
            {
                var a = Principal.Parse(pair[0].GetString()!);
                var b = Principal.Parse(pair[1].GetString()!);
                (a < b).Should().BeTrue($"{a} sorts before {b}");
                b.CompareTo(a).Should().BePositive();
            }
        }
    }

    [Fact]
    public void Special_principals_have_their_known_texts()
    {
        Principal.ManagementCanister.ToString().Should().Be("aaaaa-aa");
        Principal.Anonymous.ToString().Should().Be("2vxsx-fae");
        Principal.Anonymous.IsAnonymous.Should().BeTrue();
        Principal.FromCanisterIndex(2).ToString().Should().Be("ryjl3-tyaaa-aaaaa-aaaba-cai");
        Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai").TryGetCanisterIndex(out var index).Should().BeTrue();
        index.Should().Be(2UL);
    }

    [Fact]
    public void Canister_range_membership_is_inclusive()
    {
        var low = Principal.FromCanisterIndex(0);
        var high = Principal.FromCanisterIndex(0xFFFFF);
        Principal.FromCanisterIndex(5).IsInRange(low, high).Should().BeTrue();
        high.IsInRange(low, high).Should().BeTrue();
        Principal.FromCanisterIndex(0x100000).IsInRange(low, high).Should().BeFalse();
    }

    [Fact]
    public void Sha224_matches_the_fips_examples()
    {
        Convert.ToHexStringLower(Sha224.Hash("abc"u8)).Should().Be("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
        Convert.ToHexStringLower(Sha224.Hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"u8))
            .Should().Be("75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525");
        Convert.ToHexStringLower(Sha224.Hash(new byte[1_000_000].Select(_ => (byte)'a').ToArray()))
            .Should().Be("20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67");
    }
}

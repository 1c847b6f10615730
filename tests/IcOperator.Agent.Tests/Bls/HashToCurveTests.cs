using System.Text;
using System.Text.Json;
using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;
using IcOperator.Agent.Bls.HashToCurve;

namespace IcOperator.Agent.Tests.Bls;

public class HashToCurveTests
{
    public static TheoryData<string, int> ExpandCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "expand_message_xmd_SHA256_38.json", "expand_message_xmd_SHA256_256.json" })
        {
            var count = BlsVectors.Load("hash_to_curve", file).GetProperty("tests").GetArrayLength();
            for (var i = 0; i < count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExpandCases))]
    public void Expand_message_xmd_matches_RFC_9380_vectors(string file, int index)
    {
        var suite = BlsVectors.Load("hash_to_curve", file);
        var test = suite.GetProperty("tests")[index];
        var length = (int)BlsVectors.Integer(test.Text("len_in_bytes"));
        var output = ExpandMessageXmd.Expand(Encoding.ASCII.GetBytes(test.Text("msg")), Encoding.ASCII.GetBytes(suite.Text("DST")), length);
        Convert.ToHexStringLower(output).Should().Be(test.Text("uniform_bytes"));
    }

    public static TheoryData<string> RandomOracleMessages() =>
        [.. BlsVectors.Load("hash_to_curve", "BLS12381G1_XMD-SHA-256_SSWU_RO_.json").GetProperty("vectors").EnumerateArray().Select(v => v.Text("msg"))];

    [Theory]
    [MemberData(nameof(RandomOracleMessages))]
    public void Hash_to_G1_matches_RFC_9380_random_oracle_vectors(string message)
    {
        var suite = BlsVectors.Load("hash_to_curve", "BLS12381G1_XMD-SHA-256_SSWU_RO_.json");
        var vector = suite.GetProperty("vectors").EnumerateArray().Single(v => v.Text("msg") == message);
        var dst = Encoding.ASCII.GetBytes(suite.Text("dst"));
        var msg = Encoding.ASCII.GetBytes(message);

        var (u0, u1) = HashToG1.HashToField(msg, dst);
        u0.Should().Be(BlsVectors.Field(vector.GetProperty("u")[0].GetString()!));
        u1.Should().Be(BlsVectors.Field(vector.GetProperty("u")[1].GetString()!));
        ShouldBeAffine(HashToG1.MapToCurve(u0), vector.GetProperty("Q0"));
        ShouldBeAffine(HashToG1.MapToCurve(u1), vector.GetProperty("Q1"));

        var p = HashToG1.Hash(msg, dst);
        ShouldBeAffine(p, vector.GetProperty("P"));
        G1.IsInSubgroup(p).Should().BeTrue();
    }

    [Fact]
    public void Map_to_curve_matches_RFC_9380_encode_to_curve_vectors()
    {
        var suite = BlsVectors.Load("hash_to_curve", "BLS12381G1_XMD-SHA-256_SSWU_NU_.json");
        foreach (var vector in suite.GetProperty("vectors").EnumerateArray())
        {
            var q = HashToG1.MapToCurve(BlsVectors.Field(vector.GetProperty("u")[0].GetString()!));
            ShouldBeAffine(q, vector.GetProperty("Q"));
            ShouldBeAffine(JacobianPoint<Fp>.MultiplyVartime(q, 0xd201000000010001), vector.GetProperty("P"));
        }
    }

    [Fact]
    public void Hash_to_G1_under_the_IC_signature_DST_matches_blst()
    {
        var suite = BlsVectors.Load("hash_to_g1_ic_dst_computed.json");
        var dst = Encoding.ASCII.GetBytes(suite.Text("dst"));
        dst.Should().Equal(Encoding.ASCII.GetBytes(HashToG1.SignatureDst));
        foreach (var vector in suite.GetProperty("vectors").EnumerateArray())
        {
            var p = HashToG1.Hash(Encoding.ASCII.GetBytes(vector.Text("msg")), dst);
            Convert.ToHexStringLower(G1.Compress(p)).Should().Be(vector.Text("P_compressed_hex"));
        }
    }

    private static void ShouldBeAffine(JacobianPoint<Fp> point, JsonElement expected)
    {
        var (x, y) = point.ToAffine();
        x.Should().Be(BlsVectors.Field(expected.Text("x")));
        y.Should().Be(BlsVectors.Field(expected.Text("y")));
    }
}

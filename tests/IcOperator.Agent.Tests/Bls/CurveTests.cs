using System.Numerics;
using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;

namespace IcOperator.Agent.Tests.Bls;

public class CurveTests
{
    private static readonly BigInteger Order = BlsVectors.Integer("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

    private static byte[] Scalar(BigInteger k) => k.ToByteArray(isUnsigned: true, isBigEndian: true);

    [Fact]
    public void Generators_are_on_their_curves_in_their_subgroups_and_of_order_r()
    {
        G1.Generator.IsOnCurve(G1.B).Should().BeTrue();
        G2.Generator.IsOnCurve(G2.B).Should().BeTrue();
        G1.IsInSubgroup(G1.Generator).Should().BeTrue();
        G2.IsInSubgroup(G2.Generator).Should().BeTrue();
        JacobianPoint<Fp>.Multiply(G1.Generator, Scalar(Order)).IsInfinity.Should().BeTrue();
        JacobianPoint<Fp2>.Multiply(G2.Generator, Scalar(Order)).IsInfinity.Should().BeTrue();
        JacobianPoint<Fp>.Multiply(G1.Generator, Scalar(Order - 1)).IsEqualTo(JacobianPoint<Fp>.Negate(G1.Generator)).Should().BeTrue();
    }

    [Fact]
    public void Group_law_is_consistent_between_addition_doubling_and_scalar_multiplication()
    {
        var g = G1.Generator;
        var two = JacobianPoint<Fp>.Double(g);
        var three = JacobianPoint<Fp>.Add(two, g);
        three.IsEqualTo(JacobianPoint<Fp>.MultiplyVartime(g, 3)).Should().BeTrue();
        three.IsEqualTo(JacobianPoint<Fp>.Multiply(g, [3])).Should().BeTrue();
        JacobianPoint<Fp>.Add(three, JacobianPoint<Fp>.Negate(three)).IsInfinity.Should().BeTrue();
        JacobianPoint<Fp>.Add(two, g).IsOnCurve(G1.B).Should().BeTrue();
        JacobianPoint<Fp>.Add(g, g).IsEqualTo(two).Should().BeTrue("adding a point to itself doubles it");

        var h = G2.Generator;
        var five = JacobianPoint<Fp2>.MultiplyVartime(h, 5);
        five.IsEqualTo(JacobianPoint<Fp2>.Add(JacobianPoint<Fp2>.Double(JacobianPoint<Fp2>.Double(h)), h)).Should().BeTrue();
        five.IsOnCurve(G2.B).Should().BeTrue();
    }

    [Fact]
    public void Compressed_points_round_trip()
    {
        for (ulong k = 1; k < 20; k += 3)
        {
            var p = JacobianPoint<Fp>.MultiplyVartime(G1.Generator, k);
            G1.TryDecompress(G1.Compress(p), out var p2).Should().BeTrue();
            p2.IsEqualTo(p).Should().BeTrue();

            var q = JacobianPoint<Fp2>.MultiplyVartime(G2.Generator, k);
            G2.TryDecompress(G2.Compress(q), out var q2).Should().BeTrue();
            q2.IsEqualTo(q).Should().BeTrue();
        }

        Convert.ToHexStringLower(G1.Compress(G1.Generator)).Should().Be(
            "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb");
        G1.Compress(JacobianPoint<Fp>.Infinity).Should().Equal([0xc0, .. new byte[47]]);
    }

    public static TheoryData<string, string, bool> DeserializationCases()
    {
        var data = new TheoryData<string, string, bool>();
        var vectors = BlsVectors.Load("point_deserialization.json");
        foreach (var group in new[] { "g1", "g2" })
        {
            foreach (var c in vectors.GetProperty(group).EnumerateArray())
            {
                data.Add(group + ":" + c.Text("name"), c.Text("input_hex"), c.GetProperty("expected_output").GetBoolean());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeserializationCases))]
    public void Compressed_point_decoding_matches_the_reference_verdict(string name, string inputHex, bool expected)
    {
        var bytes = Convert.FromHexString(inputHex);
        var decoded = name.StartsWith("g1", StringComparison.Ordinal)
            ? G1.TryDecompress(bytes, out _)
            : G2.TryDecompress(bytes, out _);
        decoded.Should().Be(expected, name);
    }

    [Fact]
    public void Points_on_the_curve_outside_the_subgroup_are_rejected()
    {
        // x = 0 gives (0, 2) on E, whose order is 3, not r.
        var torsion = JacobianPoint<Fp>.FromAffine(Fp.Zero, Fp.FromUInt64(2));
        torsion.IsOnCurve(G1.B).Should().BeTrue();
        G1.IsInSubgroup(torsion).Should().BeFalse();
        JacobianPoint<Fp>.MultiplyVartime(torsion, 3).IsInfinity.Should().BeTrue();

        // Any point of E'(F_p²) scaled by r lands in the cofactor part; a random x rarely gives a G2 point.
        var x = new Fp2(Fp.FromUInt64(5), Fp.One);
        while (!Fp2.TrySqrt(Fp2.Add(Fp2.Multiply(Fp2.Square(x), x), G2.B), out _))
        {
            x = Fp2.Add(x, Fp2.One);
        }

        Fp2.TrySqrt(Fp2.Add(Fp2.Multiply(Fp2.Square(x), x), G2.B), out var y);
        var outside = JacobianPoint<Fp2>.FromAffine(x, y);
        outside.IsOnCurve(G2.B).Should().BeTrue();
        G2.IsInSubgroup(outside).Should().BeFalse();
        JacobianPoint<Fp2>.Multiply(outside, Scalar(Order)).IsInfinity.Should().BeFalse("the check must agree with [r]P ≠ O");
    }
}

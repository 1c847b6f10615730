using System.Numerics;
using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;
using IcOperator.Agent.Bls.Pairing;

namespace IcOperator.Agent.Tests.Bls;

public class PairingTests
{
    private static readonly BigInteger P = Fp.Modulus;
    private static readonly BigInteger R = BlsVectors.Integer("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

    private static Fp12 Pair(JacobianPoint<Fp> p, JacobianPoint<Fp2> q) =>
        FinalExponentiation.Apply(MillerLoop.Evaluate([(p, G2Prepared.From(q))]));

    [Fact]
    public void Pairing_of_the_generators_is_a_non_trivial_r_th_root_of_unity()
    {
        var e = Pair(G1.Generator, G2.Generator);
        e.IsOne.Should().BeFalse();
        FieldTests.Pow(e, R).IsOne.Should().BeTrue();
    }

    [Fact]
    public void Pairing_is_bilinear()
    {
        var e = Pair(G1.Generator, G2.Generator);
        var a = JacobianPoint<Fp>.MultiplyVartime(G1.Generator, 6);
        var b = JacobianPoint<Fp2>.MultiplyVartime(G2.Generator, 7);
        Pair(a, b).Should().Be(FieldTests.Pow(e, 42));
        Pair(a, G2.Generator).Should().Be(Pair(G1.Generator, JacobianPoint<Fp2>.MultiplyVartime(G2.Generator, 6)));
    }

    [Fact]
    public void Final_exponentiation_equals_raising_to_three_times_p12_minus_one_over_r()
    {
        // The addition chain computes the cube of the textbook exponent; since 3 does not divide r,
        // f ↦ f³ is a bijection of the r-th roots of unity and "product = 1" is decided the same way.
        // (p¹²−1)/r = (p⁶−1)(p²+1)·(p⁴−p²+1)/r: the easy factor by conjugation and Frobenius (pinned in
        // FieldTests), the hard factor by plain square-and-multiply.
        var f = MillerLoop.Evaluate([(G1.Generator, G2Prepared.From(G2.Generator))]);
        var easy = Fp12.Multiply(Fp12.Conjugate(f), Fp12.Invert(f));
        easy = Fp12.Multiply(Fp12.Frobenius(easy, 2), easy);
        var hard = 3 * ((BigInteger.Pow(P, 4) - BigInteger.Pow(P, 2) + 1) / R);
        FinalExponentiation.Apply(f).Should().Be(FieldTests.Pow(easy, hard));
    }

    [Fact]
    public void Two_pair_product_is_one_exactly_when_the_discrete_logs_match()
    {
        // e(a·g1, −g2) · e(g1, a·g2) = 1, the shape of a signature check.
        var a = JacobianPoint<Fp>.MultiplyVartime(G1.Generator, 1234567);
        var aG2 = JacobianPoint<Fp2>.MultiplyVartime(G2.Generator, 1234567);
        var negG2 = G2Prepared.From(JacobianPoint<Fp2>.Negate(G2.Generator));
        FinalExponentiation.Apply(MillerLoop.Evaluate([(a, negG2), (G1.Generator, G2Prepared.From(aG2))])).IsOne.Should().BeTrue();

        var wrong = JacobianPoint<Fp2>.MultiplyVartime(G2.Generator, 1234568);
        FinalExponentiation.Apply(MillerLoop.Evaluate([(a, negG2), (G1.Generator, G2Prepared.From(wrong))])).IsOne.Should().BeFalse();
    }
}

using System.Numerics;
using IcOperator.Agent.Bls.Fields;
using IcOperator.Agent.Bls.Pairing;

namespace IcOperator.Agent.Tests.Bls;

public class FieldTests
{
    private static readonly BigInteger P = Fp.Modulus;

    private static BigInteger RandomBelowP(Random random)
    {
        var bytes = new byte[48];
        random.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % P;
    }

    private static Fp2 RandomFp2(Random random) => new(Fp.FromBigInteger(RandomBelowP(random)), Fp.FromBigInteger(RandomBelowP(random)));

    private static Fp6 RandomFp6(Random random) => new(RandomFp2(random), RandomFp2(random), RandomFp2(random));

    private static Fp12 RandomFp12(Random random) => new(RandomFp6(random), RandomFp6(random));

    [Fact]
    public void Fp_arithmetic_matches_big_integer_arithmetic_modulo_p()
    {
        var random = new Random(381);
        var edge = new[] { BigInteger.Zero, BigInteger.One, P - 1, P - 2, (P - 1) / 2, BigInteger.Pow(2, 256), BigInteger.Pow(2, 380) };
        var values = edge.Concat(Enumerable.Range(0, 60).Select(_ => RandomBelowP(random))).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var a = values[i];
            var b = values[(i * 7 + 3) % values.Length];
            var fa = Fp.FromBigInteger(a);
            var fb = Fp.FromBigInteger(b);
            Fp.Multiply(fa, fb).ToBigInteger().Should().Be(a * b % P);
            Fp.Add(fa, fb).ToBigInteger().Should().Be((a + b) % P);
            Fp.Subtract(fa, fb).ToBigInteger().Should().Be(((a - b) % P + P) % P);
            Fp.Negate(fa).ToBigInteger().Should().Be((P - a) % P);
            Fp.Square(fa).ToBigInteger().Should().Be(a * a % P);
            if (!a.IsZero)
            {
                Fp.Invert(fa).ToBigInteger().Should().Be(BigInteger.ModPow(a, P - 2, P));
            }
        }
    }

    [Fact]
    public void Fp_multiplication_fully_reduces_unreduced_sums_up_to_2p()
    {
        var random = new Random(2);
        var values = new[] { P - 1, P - 2, (P + 1) / 2 }.Concat(Enumerable.Range(0, 30).Select(_ => RandomBelowP(random))).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var a = values[i];
            var b = values[(i + 1) % values.Length];
            var sum = Fp.AddUnreduced(Fp.FromBigInteger(a), Fp.FromBigInteger(b));
            var product = Fp.Multiply(sum, sum);
            product.ToBigInteger().Should().Be((a + b) * (a + b) % P);
            product.ToBigEndian().Should().Equal(Fp.FromBigInteger((a + b) * (a + b)).ToBigEndian(), "the result must be the canonical representative");
        }
    }

    [Fact]
    public void Fp_encoding_rejects_values_not_below_p_and_round_trips_the_rest()
    {
        var pBytes = P.ToByteArray(isUnsigned: true, isBigEndian: true);
        Fp.TryFromBigEndian(pBytes, out _).Should().BeFalse();
        var pMinusOne = (P - 1).ToByteArray(isUnsigned: true, isBigEndian: true);
        Fp.TryFromBigEndian(pMinusOne, out var max).Should().BeTrue();
        max.ToBigEndian().Should().Equal(pMinusOne);
        max.IsLexicographicallyLargest.Should().BeTrue();
        Fp.FromBigInteger((P - 1) / 2).IsLexicographicallyLargest.Should().BeFalse();
        Fp.FromBigInteger((P + 1) / 2).IsLexicographicallyLargest.Should().BeTrue();
    }

    [Fact]
    public void Fp_wide_reduction_matches_big_integer()
    {
        var random = new Random(9380);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[64];
            random.NextBytes(bytes);
            Fp.FromBigEndianWide(bytes).ToBigInteger().Should().Be(new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % P);
        }
    }

    [Fact]
    public void Square_roots_exist_exactly_for_squares_in_Fp_and_Fp2()
    {
        var random = new Random(4);
        var nonSquaresFp = 0;
        for (var i = 0; i < 40; i++)
        {
            var a = Fp.FromBigInteger(RandomBelowP(random));
            Fp.TrySqrt(Fp.Square(a), out var root).Should().BeTrue();
            Fp.Square(root).Should().Be(Fp.Square(a));
            var legendre = BigInteger.ModPow(a.ToBigInteger(), (P - 1) / 2, P);
            var found = Fp.TrySqrt(a, out _);
            found.Should().Be(legendre.IsOne, "Euler's criterion decides squareness");
            nonSquaresFp += found ? 0 : 1;

            var b = RandomFp2(random);
            Fp2.TrySqrt(Fp2.Square(b), out var root2).Should().BeTrue();
            Fp2.Square(root2).Should().Be(Fp2.Square(b));
        }

        nonSquaresFp.Should().BeGreaterThan(0);

        // ξ = u + 1 is a non-square in F_p² (the tower depends on it).
        Fp2.TrySqrt(new Fp2(Fp.One, Fp.One), out _).Should().BeFalse();
    }

    [Fact]
    public void Extension_fields_invert_and_multiply_consistently()
    {
        var random = new Random(12);
        for (var i = 0; i < 5; i++)
        {
            var a2 = RandomFp2(random);
            Fp2.Multiply(a2, Fp2.Invert(a2)).Should().Be(Fp2.One);

            var a6 = RandomFp6(random);
            var b6 = RandomFp6(random);
            Fp6.Multiply(a6, Fp6.Invert(a6)).Should().Be(Fp6.One);
            Fp6.Square(a6).Should().Be(Fp6.Multiply(a6, a6));
            Fp6.MultiplyBy01(a6, b6.C0, b6.C1).Should().Be(Fp6.Multiply(a6, new Fp6(b6.C0, b6.C1, Fp2.Zero)));
            Fp6.MultiplyBy1(a6, b6.C1).Should().Be(Fp6.Multiply(a6, new Fp6(Fp2.Zero, b6.C1, Fp2.Zero)));

            var a12 = RandomFp12(random);
            Fp12.Multiply(a12, Fp12.Invert(a12)).Should().Be(Fp12.One);
            Fp12.Square(a12).Should().Be(Fp12.Multiply(a12, a12));
            var line = new Fp12(new Fp6(b6.C0, b6.C1, Fp2.Zero), new Fp6(Fp2.Zero, b6.C2, Fp2.Zero));
            Fp12.MultiplyBy014(a12, b6.C0, b6.C1, b6.C2).Should().Be(Fp12.Multiply(a12, line));
        }
    }

    [Fact]
    public void Frobenius_is_the_p_power_map()
    {
        var random = new Random(5);
        var a2 = RandomFp2(random);
        Fp2.Conjugate(a2).Should().Be(Fp2.Pow(a2, P));

        var a6 = RandomFp6(random);
        Fp6.Frobenius(a6).Should().Be(Pow(a6, P));

        var a12 = RandomFp12(random);
        Fp12.Frobenius(a12).Should().Be(Pow(a12, P));
        Fp12.Frobenius(a12, 6).Should().Be(Fp12.Conjugate(a12));
    }

    [Fact]
    public void Cyclotomic_squaring_equals_squaring_in_the_cyclotomic_subgroup()
    {
        var random = new Random(6);
        var f = RandomFp12(random);

        // f^((p⁶−1)(p²+1)) lies in the cyclotomic subgroup.
        var t = Fp12.Multiply(Fp12.Conjugate(f), Fp12.Invert(f));
        t = Fp12.Multiply(Fp12.Frobenius(t, 2), t);
        Fp12.CyclotomicSquare(t).Should().Be(Fp12.Square(t));
        Fp12.CyclotomicSquare(f).Should().NotBe(Fp12.Square(f), "the shortcut is only valid inside the subgroup");
    }

    private static Fp6 Pow(Fp6 a, BigInteger e)
    {
        var result = Fp6.One;
        for (var bit = (int)e.GetBitLength() - 1; bit >= 0; bit--)
        {
            result = Fp6.Multiply(result, result);
            if (!(e >> bit).IsEven)
            {
                result = Fp6.Multiply(result, a);
            }
        }

        return result;
    }

    internal static Fp12 Pow(Fp12 a, BigInteger e)
    {
        var result = Fp12.One;
        for (var bit = (int)e.GetBitLength() - 1; bit >= 0; bit--)
        {
            result = Fp12.Square(result);
            if (!(e >> bit).IsEven)
            {
                result = Fp12.Multiply(result, a);
            }
        }

        return result;
    }

    [Fact]
    public void Power_by_x_in_the_cyclotomic_subgroup_matches_plain_exponentiation()
    {
        var random = new Random(7);
        var f = RandomFp12(random);
        var t = Fp12.Multiply(Fp12.Conjugate(f), Fp12.Invert(f));
        t = Fp12.Multiply(Fp12.Frobenius(t, 2), t);
        FinalExponentiation.PowX(t).Should().Be(Fp12.Invert(Pow(t, 0xd201000000010000)));
    }
}

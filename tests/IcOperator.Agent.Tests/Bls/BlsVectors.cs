using System.Globalization;
using System.Numerics;
using System.Text.Json;
using IcOperator.Agent.Bls.Curves;
using IcOperator.Agent.Bls.Fields;
using IcOperator.Testing;

namespace IcOperator.Agent.Tests.Bls;

/// <summary>Reads the copied vectors in tests/vectors/bls and turns their numbers into field elements.</summary>
internal static class BlsVectors
{
    public static JsonElement Load(params string[] path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Vectors(["bls", .. path])));
        return doc.RootElement.Clone();
    }

    public static BigInteger Integer(string hex) =>
        BigInteger.Parse("0" + (hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex), NumberStyles.HexNumber);

    public static Fp Field(string hex) => Fp.FromBigInteger(Integer(hex));

    public static JacobianPoint<Fp> G1Point(JsonElement point) =>
        JacobianPoint<Fp>.FromAffine(Field(point.GetProperty("x").GetString()!), Field(point.GetProperty("y").GetString()!));

    public static string Text(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static byte[] Hex(this JsonElement element, string name) => Convert.FromHexString(element.Text(name));
}

namespace IcOperator.Agent.Cbor;

/// <summary>A negative integer (major type 1) with the value -1 - <see cref="EncodedMagnitude"/>.</summary>
public sealed class CborNegative(ulong encodedMagnitude) : CborValue
{
    /// <summary>n in the CBOR encoding of -1 - n.</summary>
    public ulong EncodedMagnitude { get; } = encodedMagnitude;

    public static CborNegative FromInt64(long value) =>
        value < 0 ? new CborNegative((ulong)(-1 - value)) : throw new ArgumentOutOfRangeException(nameof(value), value, "expected a negative value");

    public System.Numerics.BigInteger Value => -1 - (System.Numerics.BigInteger)EncodedMagnitude;

    public override string Kind => "a negative integer";

    public override bool Equals(CborValue? other) => other is CborNegative n && n.EncodedMagnitude == EncodedMagnitude;

    public override int GetHashCode() => ~EncodedMagnitude.GetHashCode();

    public override string ToString() => Value.ToString();
}

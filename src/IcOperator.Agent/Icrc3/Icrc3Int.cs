using System.Globalization;
using System.Numerics;

namespace IcOperator.Agent.Icrc3;

/// <summary>An integer, hashed as its signed LEB128 encoding.</summary>
public sealed class Icrc3Int(BigInteger value) : Icrc3Value
{
    public BigInteger Value { get; } = value;

    public override bool Equals(Icrc3Value? other) => other is Icrc3Int n && n.Value == Value;

    public override int GetHashCode() => HashCode.Combine(1, Value);

    public override string ToString() => "Int(" + Value.ToString(CultureInfo.InvariantCulture) + ")";
}

using System.Globalization;
using System.Numerics;

namespace IcOperator.Agent.Icrc3;

/// <summary>A natural number, hashed as its unsigned LEB128 encoding.</summary>
public sealed class Icrc3Nat : Icrc3Value
{
    public Icrc3Nat(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An ICRC-3 Nat is not negative.");
        }

        Value = value;
    }

    public BigInteger Value { get; }

    public override bool Equals(Icrc3Value? other) => other is Icrc3Nat n && n.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => "Nat(" + Value.ToString(CultureInfo.InvariantCulture) + ")";
}

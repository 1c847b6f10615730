namespace IcOperator.Candid;

/// <summary>
/// Chooses the Candid number type of a property when the C# type allows several, e.g. a
/// <see cref="System.Numerics.BigInteger"/> that is <c>int</c> rather than the default <c>nat</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class CandidKindAttribute(CandidTypeKind kind) : Attribute
{
    public CandidTypeKind Kind { get; } = kind;
}

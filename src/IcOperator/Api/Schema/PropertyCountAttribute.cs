namespace IcOperator.Api.Schema;

/// <summary>
/// Bounds on how many of an object's fields may be set: <c>(1, 1)</c> expresses "exactly one of" in a
/// structural schema without CEL.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
internal sealed class PropertyCountAttribute(int minimum, int maximum) : Attribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;
}

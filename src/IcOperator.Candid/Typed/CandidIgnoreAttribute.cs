namespace IcOperator.Candid;

/// <summary>A property that is not part of the Candid record.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CandidIgnoreAttribute : Attribute;

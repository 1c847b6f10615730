namespace IcOperator.Api.Schema;

/// <summary>A pattern every string item of a list must match (for example, a list of principals).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ItemPatternAttribute(string pattern) : Attribute
{
    public string Pattern { get; } = pattern;
}

namespace IcOperator.Api.Schema;

/// <summary>The short names <c>kubectl</c> accepts for a kind (<c>kubectl get cdep</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}

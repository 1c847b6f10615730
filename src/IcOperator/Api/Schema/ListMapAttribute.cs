namespace IcOperator.Api.Schema;

/// <summary>A list whose items are keyed by the given fields (<c>x-kubernetes-list-type: map</c>), as conditions are by type.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ListMapAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}

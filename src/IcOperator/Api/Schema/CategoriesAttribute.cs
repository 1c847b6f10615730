namespace IcOperator.Api.Schema;

/// <summary>The categories a kind belongs to (<c>kubectl get ic</c> lists every kind in category <c>ic</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class CategoriesAttribute(params string[] categories) : Attribute
{
    public IReadOnlyList<string> Categories { get; } = categories;
}

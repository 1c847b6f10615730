namespace IcOperator.Api.Schema;

/// <summary>The field accepts an integer or a string (<c>x-kubernetes-int-or-string</c>), as quantities do.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class IntOrStringAttribute : Attribute;

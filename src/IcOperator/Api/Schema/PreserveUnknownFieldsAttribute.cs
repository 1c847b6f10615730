namespace IcOperator.Api.Schema;

/// <summary>The field holds free-form JSON the schema does not describe (<c>x-kubernetes-preserve-unknown-fields</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PreserveUnknownFieldsAttribute : Attribute;

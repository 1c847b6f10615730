namespace IcOperator.Api.Schema;

/// <summary>
/// The object defaults to <c>{}</c>, so the API server applies the defaults of its fields even when the
/// user leaves the whole object out.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DefaultObjectAttribute : Attribute;

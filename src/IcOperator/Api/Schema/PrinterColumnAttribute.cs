namespace IcOperator.Api.Schema;

/// <summary>An additional printer column, shown by <c>kubectl get</c> in declaration order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
internal sealed class PrinterColumnAttribute(int order, string name, string type, string jsonPath) : Attribute
{
    /// <summary>Position among the columns; attributes carry no order of their own in reflection.</summary>
    public int Order { get; } = order;

    public string Name { get; } = name;

    /// <summary>One of string, integer, number, boolean, date.</summary>
    public string Type { get; } = type;

    public string JsonPath { get; } = jsonPath;

    public string? Description { get; init; }

    /// <summary>0 shows the column always; higher values only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}

namespace IcOperator.Candid;

/// <summary>A method of a service: its name and function type.</summary>
public sealed record ServiceMethod(string Name, FuncType Type);

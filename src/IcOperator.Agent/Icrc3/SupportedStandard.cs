namespace IcOperator.Agent.Icrc3;

/// <summary>An entry of <c>icrc10_supported_standards</c>.</summary>
public sealed record SupportedStandard(string Name, string Url);

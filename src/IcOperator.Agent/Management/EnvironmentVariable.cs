namespace IcOperator.Agent.Management;

/// <summary>A canister environment variable.</summary>
public sealed record EnvironmentVariable(string Name, string Value);

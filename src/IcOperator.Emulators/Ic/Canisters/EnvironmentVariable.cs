namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>One environment variable of a canister's settings.</summary>
public sealed record EnvironmentVariable(string Name, string Value);

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>create_canister</c>.</summary>
public sealed record CreateCanisterArgs(CanisterSettings? Settings, ulong? SenderCanisterVersion);

namespace IcOperator.Agent.Management;

/// <summary><c>record { hash : blob }</c>: a chunk in a canister's chunk store.</summary>
public sealed record ChunkHash(byte[] Hash);

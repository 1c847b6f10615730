namespace IcOperator.Candid.Tests.Typed;

public sealed record ChunkHash(byte[] Hash);

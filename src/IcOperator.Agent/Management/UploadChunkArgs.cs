using IcOperator.Candid;

namespace IcOperator.Agent.Management;

/// <summary>Argument of <c>upload_chunk</c>.</summary>
public sealed record UploadChunkArgs(Principal CanisterId, byte[] Chunk);

namespace IcOperator.Agent.Wasm;

/// <summary>One piece of a module for <c>upload_chunk</c>, with its SHA-256 (what <c>install_chunked_code</c> lists).</summary>
public sealed record WasmChunk(int Index, long Offset, ReadOnlyMemory<byte> Content, byte[] Sha256)
{
    public string Sha256Hex => Convert.ToHexStringLower(Sha256);
}

using IcOperator.Api.V1Alpha1;

namespace IcOperator.Wasm;

/// <summary>A template version's status entry, from a verified module or from why it is not usable.</summary>
internal static class WasmVersionReport
{
    public static WasmVersionStatus Verified(string version, WasmModule module, LocalObjectReference? candidServiceRef = null)
    {
        var metadata = WasmMetadataReader.Read(module);
        return new WasmVersionStatus
        {
            Version = version,
            Phase = WasmVersionPhase.Verified,
            Sha256 = module.Sha256,
            Size = module.Size,
            Gzip = module.Gzip,
            ChunkSize = Agent.Wasm.WasmModule.ChunkSize,
            ChunkHashes = [.. module.ChunkHashes],
            Metadata = metadata with { CandidServiceRef = metadata.CandidService is null ? null : candidServiceRef },
        };
    }

    public static WasmVersionStatus Failed(string version, WasmException problem) => new()
    {
        Version = version,
        Phase = WasmVersionPhase.Failed,
        Message = problem.Message,
    };
}

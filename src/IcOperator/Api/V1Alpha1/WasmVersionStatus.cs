using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>What the operator found for one version.</summary>
[Description("What the operator found for one version.")]
public sealed record WasmVersionStatus
{
    [Required]
    [Description("The version this entry describes.")]
    public string Version { get; init; } = string.Empty;

    [Description("Pending, Fetching, Verified or Failed.")]
    public WasmVersionPhase Phase { get; init; } = WasmVersionPhase.Pending;

    [Description("SHA-256 of the fetched bytes, once verified.")]
    public string? Sha256 { get; init; }

    [Description("Size of the fetched bytes.")]
    public long? Size { get; init; }

    [Description("Whether the fetched bytes are gzip-compressed Wasm (the IC accepts both).")]
    public bool? Gzip { get; init; }

    [Description("Size of the chunks the module is uploaded in.")]
    public int? ChunkSize { get; init; }

    [Description("SHA-256 of each chunk, in order, as the chunk store names them.")]
    public List<string>? ChunkHashes { get; init; }

    [Description("Public custom sections people read, taken from the module.")]
    public WasmMetadata? Metadata { get; init; }

    [Description("Why the version is not verified, when it is not.")]
    public string? Message { get; init; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>One version of the module: where its bytes are and what they must hash to.</summary>
[Description("One version of the module: where its bytes are and what they must hash to.")]
public sealed record WasmVersion
{
    [Required]
    [MaxLength(128)]
    [RegularExpression(SchemaPatterns.SemanticVersion)]
    [Description("The version, as a semantic version without a leading v (for example 0.9.2).")]
    public string Version { get; init; } = string.Empty;

    [MaxLength(1024)]
    [Description("What changed in this version, for people.")]
    public string? Description { get; init; }

    [Required]
    [Description("Where the module's bytes (Wasm, or gzip-compressed Wasm) come from.")]
    public WasmSource Source { get; init; } = new();

    [Required]
    [RegularExpression(SchemaPatterns.Sha256)]
    [Description("SHA-256 of the bytes as fetched (lower-case hex). Nothing unverified is ever installed.")]
    public string Sha256 { get; init; } = string.Empty;
}

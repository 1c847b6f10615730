using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The versions of a module the catalog offers.</summary>
[Description("The versions of a module the catalog offers.")]
public sealed record WasmTemplateSpec
{
    [MaxLength(1024)]
    [Description("What the module is, for people.")]
    public string? Description { get; init; }

    [Required]
    [MinLength(1)]
    [MaxLength(64)]
    [ListMap("version")]
    [Description("The versions in the catalog. Removing a version removes it from the catalog; deployments pinned to it keep running and report TemplateVersionMissing.")]
    public List<WasmVersion> Versions { get; init; } = [];
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Where a module's bytes come from: exactly one of url, configMap, inline.</summary>
[PropertyCount(1, 1)]
[Description("Where the module's bytes come from: exactly one of url, configMap or inline.")]
public sealed record WasmSource
{
    [MaxLength(2048)]
    [RegularExpression("^https?://[^\\s]+$")]
    [Description("An http(s) URL to download the module from (fetched with a timeout and a size limit).")]
    public string? Url { get; init; }

    [Description("A ConfigMap key in binaryData holding the module; ConfigMaps hold at most 1 MiB, so small modules only.")]
    public KeyReference? ConfigMap { get; init; }

    [MaxLength(1398104)]
    [RegularExpression("^[A-Za-z0-9+/]*={0,2}$")]
    [Description("The module itself in base64, for tiny modules and tests.")]
    public string? Inline { get; init; }
}

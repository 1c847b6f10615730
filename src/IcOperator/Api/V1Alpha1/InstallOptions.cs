using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The argument the module is installed and upgraded with.</summary>
[Description("The argument the module is installed and upgraded with.")]
public sealed record InstallOptions
{
    [MaxLength(1048576)]
    [Description("Candid text, for example (record { owner = principal \"2vxsx-fae\" }); checked against the module's init types before any call.")]
    public string? Arg { get; init; }

    [MaxLength(2097152)]
    [RegularExpression(SchemaPatterns.Hex)]
    [Description("Raw Candid bytes in hex (DIDL...), instead of arg.")]
    public string? ArgHex { get; init; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How a new canister is created.</summary>
[Description("How a new canister is created.")]
public sealed record CreateOptions
{
    [DefaultValue("2T")]
    [IntOrString]
    [RegularExpression(SchemaPatterns.Cycles)]
    [JsonConverter(typeof(IntOrStringConverter))]
    [Description("Cycles the new canister starts with: 2T, 500B, 1_000_000 or a plain integer.")]
    public string InitialCycles { get; init; } = "2T";

    [MaxLength(63)]
    [RegularExpression(SchemaPatterns.OptionalPrincipal)]
    [Description("The subnet to create the canister on; empty lets the network choose.")]
    public string? Subnet { get; init; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Canister settings the operator keeps from drifting; unset fields are left as they are.</summary>
[Description("Canister settings kept from drifting; unset fields are left as they are.")]
public sealed record CanisterSettingsSpec
{
    [MaxLength(9)]
    [ItemPattern(SchemaPatterns.Principal)]
    [Description("Extra controllers (principals). The operator's own principal is always kept; the IC allows 10 controllers in all.")]
    public List<string>? Controllers { get; init; }

    [Range(0, 100)]
    [Description("Compute allocation in percent of one core.")]
    public int? ComputeAllocation { get; init; }

    [IntOrString]
    [RegularExpression(SchemaPatterns.Bytes)]
    [JsonConverter(typeof(IntOrStringConverter))]
    [Description("Reserved memory in bytes (for example 0, 512Mi, 4GiB); 0 means best effort.")]
    public string? MemoryAllocation { get; init; }

    [Range(0, long.MaxValue)]
    [Description("Seconds the canister must be able to pay for before it is frozen (the IC's default is 2592000, 30 days).")]
    public long? FreezingThreshold { get; init; }

    [IntOrString]
    [RegularExpression(SchemaPatterns.Cycles)]
    [JsonConverter(typeof(IntOrStringConverter))]
    [Description("Most cycles the canister may reserve for resource allocation (for example 5T).")]
    public string? ReservedCyclesLimit { get; init; }

    [IntOrString]
    [RegularExpression(SchemaPatterns.Bytes)]
    [JsonConverter(typeof(IntOrStringConverter))]
    [Description("Most Wasm heap memory the canister may use before it traps (for example 3GiB).")]
    public string? WasmMemoryLimit { get; init; }

    [Description("Who may read the canister's logs: controllers or public.")]
    public LogVisibility? LogVisibility { get; init; }
}

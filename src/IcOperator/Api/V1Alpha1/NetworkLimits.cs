using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Limits on the operator's traffic to one network.</summary>
[Description("Limits on the operator's traffic to this network.")]
public sealed record NetworkLimits
{
    [DefaultValue(20)]
    [Range(1, 1000)]
    [Description("Most requests per second the operator sends to the network.")]
    public int RequestsPerSecond { get; init; } = 20;

    [DefaultValue(8)]
    [Range(1, 256)]
    [Description("Most calls in flight at once.")]
    public int MaxConcurrentCalls { get; init; } = 8;

    [DefaultValue("5m")]
    [RegularExpression(SchemaPatterns.Duration)]
    [Description("How long an update call may take before it is given up (for example 30s, 5m).")]
    public string CallTimeout { get; init; } = "5m";

    [DefaultValue("4m")]
    [RegularExpression(SchemaPatterns.Duration)]
    [Description("How long a signed update request stays valid, more than 0s and at most 5m. A request recorded in status but never sent (the operator stopped in between) holds its step until this passes, so a shorter value recovers sooner; it must still cover the network's latency.")]
    public string IngressExpiry { get; init; } = "4m";
}

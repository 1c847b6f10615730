using System.Text.Json.Serialization;
using IcOperator.Kube.Serialization;

namespace IcOperator.Kube.Resources;

/// <summary>Who holds a lease, for how long, and when it was last renewed.</summary>
public sealed class LeaseSpec
{
    public string? HolderIdentity { get; set; }

    public int? LeaseDurationSeconds { get; set; }

    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    public int? LeaseTransitions { get; set; }
}

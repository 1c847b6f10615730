using System.Text.Json.Serialization;
using IcOperator.Kube.Serialization;

namespace IcOperator.Kube.Resources;

/// <summary>How many times an aggregated event has repeated, and when it was last seen.</summary>
public sealed class EventSeries
{
    public int Count { get; set; }

    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? LastObservedTime { get; set; }
}

using System.Text.Json.Serialization;
using IcOperator.Kube.Serialization;

namespace IcOperator.Kube.Resources;

/// <summary>events.k8s.io/v1 Event.</summary>
public sealed class Event : IKubernetesObject
{
    public string? ApiVersion { get; set; } = "events.k8s.io/v1";

    public string? Kind { get; set; } = "Event";

    public ObjectMeta Metadata { get; set; } = new();

    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? EventTime { get; set; }

    public EventSeries? Series { get; set; }

    public string? ReportingController { get; set; }

    public string? ReportingInstance { get; set; }

    public string? Action { get; set; }

    public string? Reason { get; set; }

    public ObjectReference? Regarding { get; set; }

    public ObjectReference? Related { get; set; }

    public string? Note { get; set; }

    public string? Type { get; set; }
}

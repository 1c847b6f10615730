using System.Text.Json.Serialization;

namespace IcOperator.Kube.Client;

/// <summary>The meta/v1 DeleteOptions body: propagation policy and preconditions.</summary>
public sealed class DeleteOptions
{
    public string? ApiVersion { get; set; } = "v1";

    public string? Kind { get; set; } = "DeleteOptions";

    /// <summary>Orphan, Background or Foreground.</summary>
    public string? PropagationPolicy { get; set; }

    public long? GracePeriodSeconds { get; set; }

    public DeletePreconditions? Preconditions { get; set; }

    [JsonIgnore]
    public bool IsEmpty => PropagationPolicy is null && GracePeriodSeconds is null && Preconditions is null;
}

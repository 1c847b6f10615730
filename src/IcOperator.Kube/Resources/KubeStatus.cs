namespace IcOperator.Kube.Resources;

/// <summary>The meta/v1 Status the API server returns with an error (and in watch ERROR events).</summary>
public sealed class KubeStatus
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public string? Status { get; set; }

    public string? Message { get; set; }

    public string? Reason { get; set; }

    public int? Code { get; set; }

    public KubeStatusDetails? Details { get; set; }
}

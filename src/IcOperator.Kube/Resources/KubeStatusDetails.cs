namespace IcOperator.Kube.Resources;

/// <summary>Which object a Status is about, why it was refused field by field, and when to retry.</summary>
public sealed class KubeStatusDetails
{
    public string? Name { get; set; }

    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string? Uid { get; set; }

    public List<KubeStatusCause>? Causes { get; set; }

    public int? RetryAfterSeconds { get; set; }
}

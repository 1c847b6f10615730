namespace IcOperator.Kube.Resources;

/// <summary>One reason a request was refused, often naming the field (e.g. <c>spec.template.version</c>).</summary>
public sealed class KubeStatusCause
{
    public string? Reason { get; set; }

    public string? Message { get; set; }

    public string? Field { get; set; }
}

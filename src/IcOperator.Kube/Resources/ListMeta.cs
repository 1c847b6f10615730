namespace IcOperator.Kube.Resources;

/// <summary>metadata of a list: the resourceVersion to watch from and the pagination token.</summary>
public sealed class ListMeta
{
    public string? ResourceVersion { get; set; }

    public string? Continue { get; set; }

    public long? RemainingItemCount { get; set; }
}

namespace IcOperator.Kube.Tests.Fakes;

internal sealed class WidgetSpec
{
    public required string Template { get; set; }

    public int Size { get; set; }
}

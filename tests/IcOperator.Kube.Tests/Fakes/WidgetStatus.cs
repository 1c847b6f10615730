namespace IcOperator.Kube.Tests.Fakes;

internal sealed class WidgetStatus
{
    public string? Phase { get; set; }

    public long? ObservedGeneration { get; set; }

    public WidgetPhase? Health { get; set; }
}

namespace IcOperator.Kube.Tests.Fakes;

internal enum WidgetPhase
{
    Healthy,
    Degraded,
}

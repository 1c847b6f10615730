namespace IcOperator.Kube.Metrics;

/// <summary>The metric types of the Prometheus text format this library writes.</summary>
public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}

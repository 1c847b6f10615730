using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace IcOperator.Observability;

/// <summary>/healthz, /readyz and /metrics, as controller-runtime serves them.</summary>
internal static class OperatorEndpoints
{
    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder app, CollectorRegistry registry, HealthState health)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", () => health.Ready
            ? Results.Text("ok")
            : Results.Text($"not ready: {health.NotReadyReason}", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapMetrics("/metrics", registry);
        return app;
    }
}

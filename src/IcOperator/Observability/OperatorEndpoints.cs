using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace IcOperator.Observability;

/// <summary>/healthz, /readyz and /metrics, as controller-runtime serves them.</summary>
internal static class OperatorEndpoints
{
    /// <summary>
    /// The web host of the three endpoints, and nothing else: no configuration files (so no file watcher), no
    /// routing, HTTPS or HTTP/3 — each of those loads assemblies and JIT code the operator would keep resident.
    /// </summary>
    public static WebApplication CreateHost(string listen, CollectorRegistry registry, HealthState health)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(listen);
        var web = builder.Build();
        web.UseOperatorEndpoints(registry, health);
        return web;
    }

    public static IApplicationBuilder UseOperatorEndpoints(this IApplicationBuilder app, CollectorRegistry registry, HealthState health)
    {
        app.UseMetricServer("/metrics", registry);
        app.Run(context => context.Request.Path.Value switch
        {
            "/healthz" => Text(context, StatusCodes.Status200OK, "ok"),
            "/readyz" when health.Ready => Text(context, StatusCodes.Status200OK, "ok"),
            "/readyz" => Text(context, StatusCodes.Status503ServiceUnavailable, $"not ready: {health.NotReadyReason}"),
            _ => Text(context, StatusCodes.Status404NotFound, "not found"),
        });
        return app;
    }

    private static Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text);
    }
}

using System.Net;
using IcOperator.Observability;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace IcOperator.Tests.Observability;

public sealed class OperatorEndpointsTests
{
    [Fact]
    public async Task Health_readiness_and_metrics_are_served()
    {
        var registry = Metrics.NewCustomRegistry();
        Metrics.WithCustomRegistry(registry).CreateCounter("ic_operator_test_total", "A test counter.").Inc(3);
        var health = new HealthState();
        await using var app = OperatorEndpoints.CreateHost("http://127.0.0.1:0", registry, health);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        (await http.GetStringAsync("/healthz")).Should().Be("ok");
        (await http.GetAsync("/healthz/extra")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var notReady = await http.GetAsync("/readyz");
        notReady.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await notReady.Content.ReadAsStringAsync()).Should().Be("not ready: starting");

        health.MarkReady();
        (await http.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        var metrics = await http.GetAsync("/metrics");
        metrics.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
        (await metrics.Content.ReadAsStringAsync()).Should().Contain("ic_operator_test_total 3");
        await app.StopAsync();
    }
}

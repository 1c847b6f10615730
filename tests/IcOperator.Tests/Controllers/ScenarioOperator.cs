using IcOperator.Controllers;
using IcOperator.Emulators.Ic;
using Microsoft.Extensions.Logging.Abstractions;
using static IcOperator.Tests.Controllers.PackageScenario;

namespace IcOperator.Tests.Controllers;

/// <summary>Both emulators with the scenario's network and template, and the operator's controllers running against them.</summary>
internal sealed class ScenarioOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly DirectoryInfo cache;
    private OperatorControllers? controllers;
    private Task host = Task.CompletedTask;
    private OperatorTestBed bed = null!;

    private ScenarioOperator(string cachePrefix) => cache = Directory.CreateTempSubdirectory(cachePrefix);

    public KubeEnvironment Kube => bed.Kube;

    public IcEmulator Ic => bed.Ic;

    public static async Task<ScenarioOperator> StartAsync(string cachePrefix)
    {
        var running = new ScenarioOperator(cachePrefix);
        running.bed = await OperatorTestBed.StartAsync();
        running.controllers = new OperatorControllers(running.Kube.Client, Prometheus.Metrics.NewCustomRegistry(), NullLoggerFactory.Instance, running.cache.FullName);
        running.host = Task.Run(() => running.controllers.RunAsync(running.stop.Token));
        await CreateNetworkAndTemplateAsync(running.bed);
        return running;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await host;
        if (controllers is not null)
        {
            await controllers.DisposeAsync();
        }

        await bed.DisposeAsync();
        stop.Dispose();
        cache.Delete(recursive: true);
    }
}

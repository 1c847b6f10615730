using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IcOperator.Tests.Controllers;

/// <summary>Serves module files over HTTP on 127.0.0.1, as a release page would.</summary>
internal sealed class ModuleServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Dictionary<string, byte[]> files = [];

    private ModuleServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<ModuleServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new ModuleServer(builder.Build());
        server.app.MapGet("/{name}", (string name) => server.files.TryGetValue(name, out var bytes)
            ? Results.Bytes(bytes, "application/wasm")
            : Results.NotFound());
        await server.app.StartAsync();
        server.BaseUrl = new Uri(server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    public string Serve(string name, byte[] bytes)
    {
        files[name] = bytes;
        return new Uri(BaseUrl, name).ToString();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

using System.Net;
using System.Net.Sockets;

namespace IcOperator.Benchmarks;

/// <summary>Serves Wasm modules over HTTP on 127.0.0.1, as a release server would, for WasmTemplate URL sources.</summary>
internal sealed class ModuleHost : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly string prefix;

    public ModuleHost()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            prefix = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }

        listener.Prefixes.Add(prefix);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Serve(string name, byte[] content)
    {
        lock (files)
        {
            files[name] = content;
        }

        return prefix + name;
    }

    public void Dispose() => listener.Close();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            byte[]? body;
            lock (files)
            {
                body = files.GetValueOrDefault(context.Request.Url!.AbsolutePath.TrimStart('/'));
            }

            context.Response.StatusCode = body is null ? 404 : 200;
            if (body is not null)
            {
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
            }

            context.Response.Close();
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Tests.Client;

public sealed class ApiServerConnectionTests
{
    private const string ConfigMap = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"default","resourceVersion":"1"}}""";

    [Fact]
    public async Task Requests_beyond_the_connection_limit_wait_for_a_free_connection_instead_of_opening_another()
    {
        const int requests = 100;
        var limit = KubeClientFactory.MaxConnectionsToApiServer;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = 0;
        var waiting = 0;
        var served = 0;

        // Every request is held until as many are waiting as the limit allows connections: without the limit the client
        // would open a connection per request by then.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var server = Task.Run(async () =>
        {
            var connections = new List<Task>();
            try
            {
                while (true)
                {
                    var socket = await listener.AcceptTcpClientAsync(stop.Token);
                    Interlocked.Increment(ref accepted);
                    connections.Add(ServeAsync(socket));
                }
            }
            catch (OperationCanceledException)
            {
                await Task.WhenAll(connections);
            }
        });

        async Task ServeAsync(TcpClient socket)
        {
            using var _ = socket;
            var stream = socket.GetStream();
            var buffer = new byte[8192];
            var pending = string.Empty;
            try
            {
                while (await stream.ReadAsync(buffer, stop.Token) is var read and > 0)
                {
                    pending += Encoding.ASCII.GetString(buffer, 0, read);
                    while (pending.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and >= 0)
                    {
                        pending = pending[(end + 4)..];
                        if (Interlocked.Increment(ref waiting) >= limit)
                        {
                            release.TrySetResult();
                        }

                        await release.Task;
                        var body = Encoding.UTF8.GetBytes(ConfigMap);
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), stop.Token);
                        await stream.WriteAsync(body, stop.Token);
                        Interlocked.Increment(ref served);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client closed the connection or the test is over.
            }
        }

        var configuration = new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}", Namespace = "default" };
        using (var client = KubeClientFactory.Create(configuration))
        {
            var names = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => client.GetAsync(CoreResources.ConfigMaps, "settings", "default")));

            names.Should().HaveCount(requests).And.OnlyContain(c => c.Metadata.Name == "settings");
        }

        await stop.CancelAsync();
        await server;
        served.Should().Be(requests);
        accepted.Should().Be(limit);
    }
}

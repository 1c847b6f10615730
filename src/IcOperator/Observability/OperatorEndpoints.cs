using System.Net;
using System.Net.Sockets;
using System.Text;
using Prometheus;

namespace IcOperator.Observability;

/// <summary>
/// /healthz, /readyz and /metrics, as controller-runtime serves them, over plain HTTP/1.1 on a listener of their own:
/// GET and HEAD only, one request per connection (every response closes it), a request head of at most 8 KiB read
/// within 10 s, at most 32 connections at once. An empty ASP.NET Core host with Kestrel kept 11 MiB more resident for
/// these three endpoints (bench/README.md), about a fourteenth of what the operator may use at 1,000 deployments.
/// </summary>
internal sealed class OperatorEndpoints : IAsyncDisposable
{
    private const int MaxHeadBytes = 8 * 1024;
    private const int MaxConnections = 32;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener listener;
    private readonly CollectorRegistry registry;
    private readonly HealthState health;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int open;

    private OperatorEndpoints(TcpListener listener, CollectorRegistry registry, HealthState health)
    {
        this.listener = listener;
        this.registry = registry;
        this.health = health;
        var bound = (IPEndPoint)listener.LocalEndpoint;
        var host = bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any) ? "127.0.0.1"
            : bound.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString();
        Address = new Uri($"http://{host}:{bound.Port}/");
        accepting = AcceptAsync();
    }

    /// <summary>Where they are served; an address that listens on every interface is given as 127.0.0.1.</summary>
    public Uri Address { get; }

    /// <param name="listen">http://HOST:PORT, HOST an IP address, <c>localhost</c>, or <c>*</c> / <c>+</c> for every interface; port 0 picks a free one.</param>
    public static OperatorEndpoints Start(string listen, CollectorRegistry registry, HealthState health)
    {
        var endpoint = ParseListen(listen);
        var listener = new TcpListener(endpoint);
        if (endpoint.Address.Equals(IPAddress.IPv6Any))
        {
            // [::] is every interface, IPv4 ones too (as Kestrel binds it), so the 127.0.0.1 of Address reaches it.
            listener.Server.DualMode = true;
        }

        listener.Start();
        return new OperatorEndpoints(listener, registry, health);
    }

    /// <summary>The endpoint of an address given as <c>--listen</c>; an <see cref="ArgumentException"/> names what is wrong.</summary>
    public static IPEndPoint ParseListen(string listen)
    {
        const string Scheme = "http://";
        string Expected(string what) => $"--listen: expected http://HOST:PORT ({what}), found '{listen}'.";
        if (!listen.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(Expected("plain HTTP; HTTPS is not served"), nameof(listen));
        }

        var rest = listen[Scheme.Length..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], System.Globalization.NumberStyles.None, null, out var port) || port > IPEndPoint.MaxPort)
        {
            throw new ArgumentException(Expected("a port from 0 to 65535"), nameof(listen));
        }

        var host = rest[..colon];
        IPAddress? address = host switch
        {
            "*" or "+" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ when host.StartsWith('[') && host.EndsWith(']') && IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 => v6,
            _ when !host.Contains(':') && IPAddress.TryParse(host, out var v4) => v4,
            _ => null,
        };
        return address is null
            ? throw new ArgumentException(Expected("HOST an IP address, localhost, * or +; names are not resolved"), nameof(listen))
            : new IPEndPoint(address, port);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before it was accepted: the next one is served.
                continue;
            }

            if (Interlocked.Increment(ref open) > MaxConnections)
            {
                Interlocked.Decrement(ref open);
                socket.Dispose();
                continue;
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            deadline.CancelAfter(RequestTimeout);
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var request = await ReadRequestAsync(stream, deadline.Token);
            var response = request.Refusal ?? await AnswerAsync(request.Path, deadline.Token);
            var allow = response.Status == HttpStatusCode.MethodNotAllowed ? "Allow: GET, HEAD\r\n" : "";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"HTTP/1.1 {(int)response.Status} {Reason(response.Status)}\r\nContent-Type: {response.ContentType}\r\nContent-Length: {response.Body.Length}\r\n{allow}Connection: close\r\n\r\n"), deadline.Token);
            if (request.Method != "HEAD")
            {
                await stream.WriteAsync(response.Body, deadline.Token);
            }

            // Close gracefully: a socket closed with unread bytes (the rest of a head too large) resets the connection,
            // and the client could lose the response. So end the response, then read until the client closes.
            socket.Shutdown(SocketShutdown.Send);
            var rest = new byte[4096];
            int read;
            for (var drained = 0; drained < MaxHeadBytes * 8 && (read = await stream.ReadAsync(rest, deadline.Token)) > 0; drained += read)
            {
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client went away or was too slow: nothing to answer.
        }
        finally
        {
            socket.Dispose();
            Interlocked.Decrement(ref open);
        }
    }

    /// <summary>The request line's method and path (without its query) once the whole head is read, or why it is refused.</summary>
    private static async Task<(string Method, string Path, Response? Refusal)> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeadBytes];
        var read = 0;
        while (buffer.AsSpan(0, read).IndexOf(EndOfHead) < 0)
        {
            if (read == buffer.Length)
            {
                return ("", "", Text(HttpStatusCode.RequestHeaderFieldsTooLarge, "request head larger than 8 KiB"));
            }

            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                throw new IOException("the connection closed before the request head ended");
            }

            read += n;
        }

        var parts = Encoding.ASCII.GetString(buffer, 0, buffer.AsSpan(0, read).IndexOf("\r\n"u8)).Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || !parts[1].StartsWith('/'))
        {
            return ("", "", Text(HttpStatusCode.BadRequest, "bad request"));
        }

        var (method, target) = (parts[0], parts[1]);
        var path = target.IndexOf('?') is >= 0 and var query ? target[..query] : target;
        return method is "GET" or "HEAD"
            ? (method, path, null)
            : ("", path, Text(HttpStatusCode.MethodNotAllowed, "method not allowed"));
    }

    private async Task<Response> AnswerAsync(string path, CancellationToken cancellationToken)
    {
        switch (path)
        {
            case "/healthz":
                return Text(HttpStatusCode.OK, "ok");
            case "/readyz":
                return health.NotReadyReason is { } reason ? Text(HttpStatusCode.ServiceUnavailable, $"not ready: {reason}") : Text(HttpStatusCode.OK, "ok");
            case "/metrics":
                using (var metrics = new MemoryStream())
                {
                    await registry.CollectAndExportAsTextAsync(metrics, cancellationToken);
                    return new Response(HttpStatusCode.OK, metrics.ToArray(), "text/plain; version=0.0.4; charset=utf-8");
                }

            default:
                return Text(HttpStatusCode.NotFound, "not found");
        }
    }

    private static Response Text(HttpStatusCode status, string text) => new(status, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.OK => "OK",
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.MethodNotAllowed => "Method Not Allowed",
        HttpStatusCode.RequestHeaderFieldsTooLarge => "Request Header Fields Too Large",
        HttpStatusCode.ServiceUnavailable => "Service Unavailable",
        _ => status.ToString(),
    };

    private sealed record Response(HttpStatusCode Status, byte[] Body, string ContentType);
}

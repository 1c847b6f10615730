using System.Net;
using System.Net.Sockets;
using System.Text;
using IcOperator.Observability;
using Prometheus;

namespace IcOperator.Tests.Observability;

public sealed class OperatorEndpointsTests : IAsyncLifetime
{
    private readonly CollectorRegistry registry = Metrics.NewCustomRegistry();
    private readonly HealthState health = new();
    private OperatorEndpoints endpoints = null!;
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        Metrics.WithCustomRegistry(registry).CreateCounter("ic_operator_test_total", "A test counter.").Inc(3);
        endpoints = OperatorEndpoints.Start("http://127.0.0.1:0", registry, health);
        http = new HttpClient { BaseAddress = endpoints.Address };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await endpoints.DisposeAsync();
    }

    [Fact]
    public async Task Health_readiness_and_metrics_are_served()
    {
        (await http.GetStringAsync("/healthz")).Should().Be("ok");
        (await http.GetStringAsync("/healthz?verbose")).Should().Be("ok", "the query is not part of the path");
        (await http.GetAsync("/healthz/extra")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var notReady = await http.GetAsync("/readyz");
        notReady.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await notReady.Content.ReadAsStringAsync()).Should().Be("not ready: starting");

        health.MarkReady();
        (await http.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        var metrics = await http.GetAsync("/metrics");
        metrics.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
        (await metrics.Content.ReadAsStringAsync()).Should().Contain("# TYPE ic_operator_test_total counter").And.Contain("ic_operator_test_total 3");
    }

    [Fact]
    public async Task A_head_request_gets_the_headers_without_the_body_and_other_methods_are_refused()
    {
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthz"));
        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.Should().Be(2);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        using var post = await http.PostAsync("/metrics", new StringContent("x"));
        post.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        post.Content.Headers.Allow.Should().Equal("GET", "HEAD");
    }

    [Fact]
    public async Task A_request_that_is_not_http_or_whose_head_is_too_large_is_refused_and_the_next_is_served()
    {
        (await RawAsync("hello\r\n\r\n")).Should().StartWith("HTTP/1.1 400 Bad Request\r\n");
        (await RawAsync($"GET /healthz HTTP/1.1\r\nX-Padding: {new string('a', 9000)}\r\n\r\n")).Should().StartWith("HTTP/1.1 431 ");

        (await RawAsync("GET /healthz HTTP/1.0\r\n\r\n")).Should().StartWith("HTTP/1.1 200 OK\r\n").And.EndWith("\r\n\r\nok");
    }

    [Fact]
    public async Task Many_clients_at_once_are_each_answered()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.GetStringAsync("/healthz")));

        answers.Should().AllBe("ok");
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("http://0.0.0.0:8080/", "0.0.0.0", 8080)]
    [InlineData("http://*:9090", "0.0.0.0", 9090)]
    [InlineData("http://+:0", "0.0.0.0", 0)]
    [InlineData("http://localhost:8081", "127.0.0.1", 8081)]
    [InlineData("http://[::1]:8082", "::1", 8082)]
    [InlineData("HTTP://[::]:8083", "::", 8083)]
    public void A_listen_address_names_an_ip_address_and_a_port(string listen, string address, int port)
    {
        var endpoint = OperatorEndpoints.ParseListen(listen);

        endpoint.Address.Should().Be(IPAddress.Parse(address));
        endpoint.Port.Should().Be(port);
    }

    [Theory]
    [InlineData("https://0.0.0.0:8443", "plain HTTP")]
    [InlineData("0.0.0.0:8080", "plain HTTP")]
    [InlineData("http://0.0.0.0", "a port from 0 to 65535")]
    [InlineData("http://0.0.0.0:70000", "a port from 0 to 65535")]
    [InlineData("http://0.0.0.0:-1", "a port from 0 to 65535")]
    [InlineData("http://operator.local:8080", "names are not resolved")]
    [InlineData("http://::1:8080", "names are not resolved")]
    public void A_listen_address_that_cannot_be_served_names_the_flag_and_what_was_expected(string listen, string expected)
    {
        var parse = () => OperatorEndpoints.ParseListen(listen);

        parse.Should().Throw<ArgumentException>().WithMessage($"--listen: expected http://HOST:PORT (*{expected}*), found '{listen}'.*");
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://[::]:0")]
    public async Task An_address_on_every_interface_is_reached_through_the_loopback(string listen)
    {
        await using var any = OperatorEndpoints.Start(listen, registry, health);
        using var client = new HttpClient();

        any.Address.Host.Should().Be("127.0.0.1");
        (await client.GetStringAsync(new Uri(any.Address, "/healthz"))).Should().Be("ok");
    }

    /// <summary>Sends <paramref name="request"/> as it is and returns all the server wrote before it closed the connection.</summary>
    private async Task<string> RawAsync(string request)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoints.Address.Host, endpoints.Address.Port, deadline.Token);
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), deadline.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync(deadline.Token);
    }
}

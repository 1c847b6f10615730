using System.Net;

namespace IcOperator.Tests.Wasm;

/// <summary>Answers HTTP requests from a function and counts them.</summary>
internal sealed class StubHttpHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    public int Requests { get; private set; }

    public static StubHttpHandler Serving(byte[] body, HttpStatusCode status = HttpStatusCode.OK) =>
        new((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body) }));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        return answer(request, cancellationToken);
    }
}

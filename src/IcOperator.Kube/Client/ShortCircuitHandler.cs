namespace IcOperator.Kube.Client;

/// <summary>Hands every request to <paramref name="transport"/> and never to the socket handler behind it.</summary>
internal sealed class ShortCircuitHandler(HttpMessageHandler transport) : DelegatingHandler
{
    private readonly HttpMessageInvoker invoker = new(transport, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        invoker.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            invoker.Dispose();
        }

        base.Dispose(disposing);
    }
}

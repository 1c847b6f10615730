using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Tests.Kube;

/// <summary>An open watch stream read event by event, each read bounded by a deadline.</summary>
internal sealed class WatchReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public int StatusCode => (int)_response.StatusCode;

    public static async Task<WatchReader> OpenAsync(KubeHttp http, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        return new WatchReader(response, new StreamReader(stream));
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<(string Type, JsonObject Object)?> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var line = await _reader.ReadLineAsync(deadline.Token);
        if (line is null)
        {
            return null;
        }

        var json = JsonNode.Parse(line)!.AsObject();
        return (json["type"]!.GetValue<string>(), json["object"]!.AsObject());
    }

    /// <summary>The next event that is not a BOOKMARK.</summary>
    public async Task<(string Type, JsonObject Object)> NextChangeAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var next = await NextAsync(timeout) ?? throw new InvalidOperationException("the watch ended");
            if (next.Type != "BOOKMARK")
            {
                return next;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube;

namespace IcOperator.Emulators.Tests.Kube;

/// <summary>A raw HTTP view of the emulator: what any client sends, and the status and JSON it gets back.</summary>
internal sealed class KubeHttp : IDisposable
{
    private readonly HttpClient _client;

    public KubeHttp(KubeApiEmulator emulator, bool authenticated = true)
    {
        _client = new HttpClient(emulator.CreateTrustingHandler()) { BaseAddress = emulator.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (authenticated)
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.BearerToken);
        }
    }

    public HttpClient Client => _client;

    public Task<Reply> GetAsync(string path, string? accept = null) => SendAsync(HttpMethod.Get, path, null, null, accept);

    public Task<Reply> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body.ToJsonString(), "application/json");

    public Task<Reply> PutAsync(string path, JsonNode body) => SendAsync(HttpMethod.Put, path, body.ToJsonString(), "application/json");

    public Task<Reply> PatchAsync(string path, string body, string contentType) => SendAsync(HttpMethod.Patch, path, body, contentType);

    public Task<Reply> DeleteAsync(string path, JsonNode? body = null) => SendAsync(HttpMethod.Delete, path, body?.ToJsonString(), "application/json");

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? body, string? contentType, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        return new Reply(response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : new JsonObject(), text, warnings, response.Headers);
    }

    public void Dispose() => _client.Dispose();

    public sealed record Reply(HttpStatusCode Status, JsonObject Body, string Text, IReadOnlyList<string> Warnings, HttpResponseHeaders Headers)
    {
        public string? this[string path]
        {
            get
            {
                JsonNode? node = Body;
                foreach (var part in path.Split('.'))
                {
                    node = node switch
                    {
                        JsonObject o => o[part],
                        JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                        _ => null,
                    };
                }

                return node switch
                {
                    null => null,
                    JsonValue v => v.ToString(),
                    _ => node.ToJsonString(),
                };
            }
        }
    }
}

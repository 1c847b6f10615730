using IcOperator.Api.V1Alpha1;

namespace IcOperator.Wasm;

/// <summary>Gets a module's bytes from its source: an http(s) URL, a ConfigMap's binaryData, or inline base64.</summary>
internal sealed class WasmFetcher(HttpClient http, IConfigMapSource configMaps, WasmFetchOptions options)
{
    public async Task<byte[]> FetchAsync(string @namespace, WasmSource source, string field, CancellationToken cancellation)
    {
        if (source.Inline is { } inline)
        {
            return FromBase64(inline, field + ".inline", options.MaxSize);
        }

        if (source.ConfigMap is { } reference)
        {
            var bytes = await configMaps.GetBinaryDataAsync(@namespace, reference.Name, reference.Key, cancellation)
                ?? throw new WasmException(WasmTemplateReasons.SourceNotFound, $"{field}.configMap: ConfigMap {@namespace}/{reference.Name} has no key {reference.Key} in binaryData.", terminal: false);
            return bytes.Length <= options.MaxSize
                ? bytes
                : throw TooLarge(field + ".configMap", bytes.Length);
        }

        if (source.Url is { } url)
        {
            return await DownloadAsync(url, field + ".url", cancellation);
        }

        throw new WasmException(WasmTemplateReasons.SourceNotFound, $"{field}: expected exactly one of url, configMap or inline, found none.", terminal: true);
    }

    private static byte[] FromBase64(string text, string field, long maxSize)
    {
        try
        {
            var bytes = Convert.FromBase64String(text);
            return bytes.Length <= maxSize ? bytes : throw TooLarge(field, bytes.Length, maxSize);
        }
        catch (FormatException e)
        {
            throw new WasmException(WasmTemplateReasons.NotWasm, $"{field}: expected base64, found text that is not ({e.Message})", terminal: true, e);
        }
    }

    private async Task<byte[]> DownloadAsync(string url, string field, CancellationToken cancellation)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new WasmException(WasmTemplateReasons.SourceNotFound, $"{field}: expected an http or https URL, found \"{url}\".", terminal: true);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new WasmException(WasmTemplateReasons.FetchFailed, $"{field}: GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.", terminal: false);
            }

            if (response.Content.Headers.ContentLength is { } length && length > options.MaxSize)
            {
                throw TooLarge(field, length);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            if (response.Content.Headers.ContentLength is { } declared)
            {
                // Read into one array of the declared size: a growing buffer would allocate about three times the module
                // in large-object garbage (every doubling, then the copy out), twice over when a template's versions load at once.
                var module = new byte[declared];
                try
                {
                    await stream.ReadExactlyAsync(module, timeout.Token);
                }
                catch (EndOfStreamException e)
                {
                    throw new WasmException(WasmTemplateReasons.FetchFailed, $"{field}: GET {uri} ended before the {declared} bytes its Content-Length declared.", terminal: false, e);
                }

                return module;
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > options.MaxSize)
                {
                    throw TooLarge(field, buffer.Length + read);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            throw new WasmException(WasmTemplateReasons.FetchFailed, $"{field}: GET {uri} took longer than {options.Timeout.TotalSeconds:0.#}s.", terminal: false, e);
        }
        catch (HttpRequestException e)
        {
            throw new WasmException(WasmTemplateReasons.FetchFailed, $"{field}: GET {uri} failed: {e.Message}", terminal: false, e);
        }
    }

    private WasmException TooLarge(string field, long size) => TooLarge(field, size, options.MaxSize);

    private static WasmException TooLarge(string field, long size, long maxSize) =>
        new(WasmTemplateReasons.TooLarge, $"{field}: the module is larger than the limit of {maxSize} bytes (at least {size}).", terminal: true);
}

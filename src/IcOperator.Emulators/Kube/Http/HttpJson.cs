using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Errors;
using IcOperator.Emulators.Kube.Yaml;
using Microsoft.AspNetCore.Http;

namespace IcOperator.Emulators.Kube.Http;

/// <summary>Reading request bodies (JSON or YAML) and writing JSON responses.</summary>
internal static class HttpJson
{
    public static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public static async Task<string> ReadTextAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    /// <summary>The body as a JSON node; YAML when the content type says so (JSON is YAML too).</summary>
    public static JsonNode? Parse(string text, bool yaml)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return yaml ? YamlJson.Parse(text) : JsonNode.Parse(text);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw KubeErrors.BadRequest("the body of the request could not be decoded: " + e.Message);
        }
    }

    /// <summary>An object body in JSON, YAML or (for the built-ins kubectl creates) protobuf; CBOR answers 415.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? string.Empty;
        if (contentType.Contains("protobuf", StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return Protobuf.KubeProtobuf.Decode(buffer.ToArray());
        }

        if (contentType.Contains("cbor", StringComparison.OrdinalIgnoreCase))
        {
            throw new KubeApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got {contentType})");
        }

        return ParseObject(await ReadTextAsync(context), IsYaml(contentType));
    }

    /// <summary>An optional options body (DeleteOptions): JSON, YAML or protobuf; empty is null.</summary>
    public static async Task<JsonObject?> ReadOptionalObjectAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? string.Empty;
        if (contentType.Contains("protobuf", StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return buffer.Length == 0 ? null : Protobuf.KubeProtobuf.Decode(buffer.ToArray());
        }

        return Parse(await ReadTextAsync(context), IsYaml(contentType)) as JsonObject;
    }

    public static JsonObject ParseObject(string text, bool yaml) =>
        Parse(text, yaml) as JsonObject ?? throw KubeErrors.BadRequest("the body of the request must be a JSON object");

    public static bool IsYaml(string? contentType) =>
        contentType is not null && (contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase));
}

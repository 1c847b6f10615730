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

    /// <summary>Refuses bodies this server cannot decode (protobuf, CBOR) with 415, before reading them.</summary>
    public static void RequireJsonOrYaml(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? string.Empty;
        if (contentType.Contains("protobuf", StringComparison.OrdinalIgnoreCase) || contentType.Contains("cbor", StringComparison.OrdinalIgnoreCase))
        {
            throw new KubeApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got {contentType})");
        }
    }

    public static JsonObject ParseObject(string text, bool yaml) =>
        Parse(text, yaml) as JsonObject ?? throw KubeErrors.BadRequest("the body of the request must be a JSON object");

    public static bool IsYaml(string? contentType) =>
        contentType is not null && (contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase));
}

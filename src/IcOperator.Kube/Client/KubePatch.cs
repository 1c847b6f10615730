using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Kube.Serialization;

namespace IcOperator.Kube.Client;

/// <summary>A patch body with its format.</summary>
public sealed class KubePatch
{
    private KubePatch(PatchType type, string body)
    {
        Type = type;
        Body = body;
    }

    public PatchType Type { get; }

    /// <summary>The JSON (or YAML for apply) sent as the request body.</summary>
    public string Body { get; }

    public string ContentType => Type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Apply => "application/apply-patch+yaml",
        _ => throw new InvalidOperationException($"unknown patch type {Type}"),
    };

    public static KubePatch Merge(JsonNode body) => new(PatchType.Merge, Serialize(body));

    public static KubePatch Merge(string json) => new(PatchType.Merge, Validated(json));

    public static KubePatch Json(JsonArray operations) => new(PatchType.Json, Serialize(operations));

    public static KubePatch Json(string json) => new(PatchType.Json, Validated(json));

    public static KubePatch StrategicMerge(JsonNode body) => new(PatchType.StrategicMerge, Serialize(body));

    /// <summary>A server-side apply body: the full intent of this field manager (JSON is valid YAML).</summary>
    public static KubePatch Apply(JsonNode body) => new(PatchType.Apply, Serialize(body));

    public static KubePatch Apply(string jsonOrYaml) => new(PatchType.Apply, jsonOrYaml);

    private static string Serialize(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return JsonSerializer.Serialize(node, KubeJsonContext.Default.JsonNode);
    }

    private static string Validated(string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(json);
        using var _ = JsonDocument.Parse(json);
        return json;
    }
}

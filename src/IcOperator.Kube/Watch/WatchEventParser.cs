using System.Buffers;
using System.Text.Json;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Serialization;

namespace IcOperator.Kube.Watch;

/// <summary>Decodes one JSON line of a watch stream (<c>{"type":…,"object":…}</c>).</summary>
internal static class WatchEventParser
{
    public static WatchEvent<T> Parse<T>(ReadOnlySequence<byte> line, KubeResource<T> resource)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new JsonException($"watch of {resource}: expected an object with a string \"type\", found {Preview(root)}");
        }

        var typeText = typeElement.GetString();
        var type = typeText switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            _ => throw new JsonException($"watch of {resource}: unknown event type '{typeText}'"),
        };

        if (!root.TryGetProperty("object", out var objectElement) || objectElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"watch of {resource}: {typeText} event without an object");
        }

        if (type == WatchEventType.Error)
        {
            return new WatchEvent<T> { Type = type, Status = objectElement.Deserialize(KubeJsonContext.Default.V1Status) };
        }

        var resourceVersion = objectElement.TryGetProperty("metadata", out var metadata)
            && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("resourceVersion", out var rv)
            && rv.ValueKind == JsonValueKind.String
                ? rv.GetString() ?? string.Empty
                : string.Empty;

        if (type == WatchEventType.Bookmark)
        {
            // A bookmark carries only metadata; deserialising it as T would trip required members of T.
            return new WatchEvent<T> { Type = type, ResourceVersion = resourceVersion };
        }

        var obj = objectElement.Deserialize(resource.TypeInfo)
            ?? throw new JsonException($"watch of {resource}: {typeText} event with a null object");
        obj.ApiVersion ??= resource.ApiVersion;
        obj.Kind ??= resource.Kind;
        return new WatchEvent<T> { Type = type, Object = obj, ResourceVersion = resourceVersion };
    }

    private static string Preview(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 120 ? text : text[..120] + "…";
    }
}

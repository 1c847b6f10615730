using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using IcOperator.Kube.Client;
using k8s.Models;

namespace IcOperator.Controllers;

/// <summary>
/// A JSON merge patch of <c>status</c> from the status as read to the status wanted: fields that
/// disappeared are sent as null (so the API server removes them), lists are replaced whole, and
/// unchanged fields are left out. Patches, not PUTs, so a concurrent spec change never causes a conflict.
/// </summary>
internal static class StatusPatch
{
    public static KubePatch Between<T>(T? original, T modified, JsonTypeInfo<T> type)
    {
        var before = original is null ? null : JsonSerializer.SerializeToNode(original, type);
        var after = JsonSerializer.SerializeToNode(modified, type);
        return KubePatch.Merge(new JsonObject { ["status"] = Diff(before, after) });
    }

    /// <summary>The RFC 7386 merge patch that turns <paramref name="original"/> into <paramref name="modified"/>.</summary>
    public static JsonNode? Diff(JsonNode? original, JsonNode? modified)
    {
        if (original is not JsonObject before || modified is not JsonObject after)
        {
            return modified?.DeepClone();
        }

        var patch = new JsonObject();
        foreach (var (key, _) in before)
        {
            if (!after.ContainsKey(key))
            {
                patch[key] = null;
            }
        }

        foreach (var (key, value) in after)
        {
            if (!before.TryGetPropertyValue(key, out var old))
            {
                patch[key] = value?.DeepClone();
            }
            else if (!JsonNode.DeepEquals(old, value))
            {
                patch[key] = Diff(old, value);
            }
        }

        return patch;
    }
}

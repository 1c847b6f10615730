using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube.Patching;

/// <summary>
/// Strategic merge patch, simplified to a merge patch: our kinds and the built-ins kubectl patches
/// (ConfigMap, Secret, Lease) hold maps, not keyed lists, so merging maps and replacing lists is what
/// kubectl's patches mean. Directives (<c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/…</c>,
/// <c>$deleteFromPrimitiveList/…</c>) are honoured only where they do not need list keys.
/// </summary>
internal static class StrategicMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        if (patchObject["$patch"] is JsonValue directive && directive.GetValue<string>() is var mode)
        {
            if (mode == "delete")
            {
                return null;
            }

            if (mode == "replace")
            {
                var replaced = patchObject.DeepClone().AsObject();
                replaced.Remove("$patch");
                return replaced;
            }
        }

        var result = target is JsonObject targetObject ? targetObject.DeepClone().AsObject() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray list && value is JsonArray removed)
                {
                    var drop = removed.Select(r => r?.ToJsonString()).ToHashSet();
                    result[field] = new JsonArray(list.Where(i => !drop.Contains(i?.ToJsonString())).Select(i => i?.DeepClone()).ToArray());
                }

                continue;
            }

            if (key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var merged = Apply(result[key], value);
            if (merged is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = merged;
            }
        }

        return result;
    }
}

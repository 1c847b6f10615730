using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>
/// Records who wrote an object in <c>metadata.managedFields</c>: one entry per manager, operation and
/// subresource, with the set of fields it sent (lists are owned as a whole).
/// </summary>
internal static class ManagedFields
{
    private static readonly HashSet<string> OwnedMetadata = new(StringComparer.Ordinal) { "labels", "annotations", "finalizers", "ownerReferences" };

    public static void Record(JsonObject target, JsonObject written, string manager, string operation, string apiVersion, string? subresource, string time)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in written)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            if (subresource == "status" ? key != "status" : key == "status" && operation != "Apply")
            {
                continue;
            }

            if (key == "metadata")
            {
                if (value is JsonObject metadata)
                {
                    var owned = new JsonObject();
                    foreach (var (metaKey, metaValue) in metadata.Where(p => OwnedMetadata.Contains(p.Key)))
                    {
                        owned["f:" + metaKey] = Fields(metaValue);
                    }

                    if (owned.Count > 0)
                    {
                        fields["f:metadata"] = owned;
                    }
                }

                continue;
            }

            fields["f:" + key] = Fields(value);
        }

        var entries = Meta.Of(target)["managedFields"] as JsonArray ?? [];
        var kept = entries.OfType<JsonObject>()
            .Where(e => !(Text(e["manager"]) == manager && Text(e["operation"]) == operation && Text(e["subresource"]) == (subresource ?? string.Empty)))
            .Select(e => (JsonNode)e.DeepClone())
            .ToList();
        if (fields.Count > 0)
        {
            var entry = new JsonObject
            {
                ["manager"] = manager,
                ["operation"] = operation,
                ["apiVersion"] = apiVersion,
                ["time"] = time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = fields,
            };
            if (subresource is not null)
            {
                entry["subresource"] = subresource;
            }

            kept.Add(entry);
        }

        Meta.Of(target)["managedFields"] = new JsonArray([.. kept]);
    }

    private static JsonObject Fields(JsonNode? value)
    {
        var set = new JsonObject();
        if (value is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                set["f:" + key] = Fields(child);
            }
        }

        return set;
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}

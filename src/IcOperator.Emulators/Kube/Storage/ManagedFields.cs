using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>
/// Records who set which fields in <c>metadata.managedFields</c>: one entry per manager, operation and
/// subresource, in the <c>FieldsV1</c> format (<c>{"f:spec":{"f:suspend":{}}}</c>). An applier owns the
/// fields of its configuration; an updater owns the fields its writes changed. Lists are owned whole.
/// </summary>
internal static class ManagedFields
{
    private static readonly HashSet<string> OwnedMetadata = new(StringComparer.Ordinal) { "labels", "annotations", "finalizers", "ownerReferences" };

    /// <summary>Every field <paramref name="written"/> sets (what an apply configuration owns).</summary>
    public static JsonObject FieldSet(JsonObject written, string? subresource) => Changed(null, written, subresource);

    /// <summary>The fields whose values differ between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static JsonObject Changed(JsonObject? before, JsonObject after, string? subresource)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in after)
        {
            if (key is "apiVersion" or "kind" || (subresource == "status") != (key == "status"))
            {
                continue;
            }

            if (key == "metadata")
            {
                if (value is JsonObject metadata)
                {
                    var owned = Diff(before?["metadata"] as JsonObject, new JsonObject(metadata.Where(p => OwnedMetadata.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))));
                    if (owned.Count > 0)
                    {
                        fields["f:metadata"] = owned;
                    }
                }

                continue;
            }

            if (before is null || !JsonNode.DeepEquals(before[key], value))
            {
                fields["f:" + key] = value is JsonObject child ? Diff(before?[key] as JsonObject, child) : new JsonObject();
            }
        }

        return fields;
    }

    /// <summary>The fieldsV1 of one entry, or null.</summary>
    public static JsonObject? Entry(JsonObject obj, string manager, string operation, string? subresource) =>
        Entries(obj).FirstOrDefault(e => Matches(e, manager, operation, subresource))?["fieldsV1"] as JsonObject;

    /// <summary>The field sets of every entry but the given one.</summary>
    public static List<JsonObject> Others(JsonObject obj, string manager, string operation, string? subresource) =>
        Entries(obj).Where(e => !Matches(e, manager, operation, subresource)).Select(e => e["fieldsV1"]).OfType<JsonObject>().ToList();

    /// <summary>Replaces the entry of (manager, operation, subresource) with <paramref name="fields"/>.</summary>
    public static void Record(JsonObject target, JsonObject fields, string manager, string operation, string apiVersion, string? subresource, string time)
    {
        var kept = Entries(target).Where(e => !Matches(e, manager, operation, subresource)).Select(e => (JsonNode)e.DeepClone()).ToList();
        if (fields.Count > 0)
        {
            var entry = new JsonObject
            {
                ["manager"] = manager,
                ["operation"] = operation,
                ["apiVersion"] = apiVersion,
                ["time"] = time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = fields.DeepClone(),
            };
            if (subresource is not null)
            {
                entry["subresource"] = subresource;
            }

            kept.Add(entry);
        }

        if (kept.Count == 0)
        {
            Meta.Of(target).Remove("managedFields");
        }
        else
        {
            Meta.Of(target)["managedFields"] = new JsonArray([.. kept]);
        }
    }

    public static JsonObject Union(JsonObject? a, JsonObject b)
    {
        var result = a?.DeepClone().AsObject() ?? new JsonObject();
        foreach (var (key, value) in b)
        {
            result[key] = result[key] is JsonObject existing && value is JsonObject more ? Union(existing, more) : value?.DeepClone();
        }

        return result;
    }

    private static JsonObject Diff(JsonObject? before, JsonObject after)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in after)
        {
            if (before is null || !JsonNode.DeepEquals(before[key], value))
            {
                fields["f:" + key] = value is JsonObject child ? Diff(before?[key] as JsonObject, child) : new JsonObject();
            }
        }

        return fields;
    }

    private static IEnumerable<JsonObject> Entries(JsonObject obj) =>
        obj["metadata"]?["managedFields"] is JsonArray entries ? entries.OfType<JsonObject>() : [];

    private static bool Matches(JsonObject entry, string manager, string operation, string? subresource) =>
        Meta.Str(entry["manager"]) == manager && Meta.Str(entry["operation"]) == operation && (Meta.Str(entry["subresource"]) ?? string.Empty) == (subresource ?? string.Empty);
}

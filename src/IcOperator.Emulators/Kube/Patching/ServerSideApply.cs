using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Storage;

namespace IcOperator.Emulators.Kube.Patching;

/// <summary>
/// Server-side apply, simplified: the applied configuration is merged into the live object (maps merge
/// key by key, lists and scalars are replaced), then fields this manager applied before and no longer
/// applies are removed unless another manager owns them. Conflicts between managers are not reported;
/// the README lists these simplifications.
/// </summary>
internal static class ServerSideApply
{
    public static JsonObject Apply(JsonObject live, JsonObject applied, string manager)
    {
        var merged = Merge(live, applied);
        if (ManagedFields.Entry(live, manager, "Apply", null) is { } before)
        {
            var now = ManagedFields.FieldSet(applied, null);
            Prune(merged, before, now, ManagedFields.Others(live, manager, "Apply", null));
        }

        return merged;
    }

    private static JsonObject Merge(JsonObject live, JsonObject applied)
    {
        var result = live.DeepClone().AsObject();
        foreach (var (key, value) in applied)
        {
            if (value is JsonObject child && result[key] is JsonObject existing)
            {
                result[key] = Merge(existing, child);
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static void Prune(JsonObject target, JsonObject before, JsonObject? now, List<JsonObject> others)
    {
        foreach (var (fieldKey, previous) in before)
        {
            if (!fieldKey.StartsWith("f:", StringComparison.Ordinal))
            {
                continue;
            }

            var key = fieldKey[2..];
            var stillApplied = now?[fieldKey] as JsonObject;
            var otherOwners = others.Select(o => o[fieldKey]).OfType<JsonObject>().ToList();
            if (stillApplied is null && otherOwners.Count == 0)
            {
                target.Remove(key);
            }
            else if (target[key] is JsonObject child && previous is JsonObject nested && nested.Count > 0)
            {
                Prune(child, nested, stillApplied, otherOwners);
            }
        }
    }
}

using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube.Patching;

/// <summary>
/// Server-side apply, simplified: the applied configuration is merged into the live object (maps merge
/// key by key, lists and scalars are replaced). Fields the manager stops applying are left in place and
/// conflicts between managers are not reported; the README lists these simplifications.
/// </summary>
internal static class ServerSideApply
{
    public static JsonObject Merge(JsonObject live, JsonObject applied)
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
}

using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Errors;
using IcOperator.Emulators.Kube.Resources;

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>
/// What the API server does to built-ins on every write, which clients rely on: a Secret's
/// <c>stringData</c> is folded into base64 <c>data</c>, its type defaults to Opaque, an <c>immutable</c>
/// object's data cannot change, a namespace is labelled with its name.
/// </summary>
internal static class BuiltInRules
{
    public static void Normalize(ResourceType type, JsonObject obj)
    {
        if (type == BuiltInTypes.Namespaces)
        {
            // Every namespace carries its name as a label, so selectors can pick namespaces by name.
            var labels = Meta.Of(obj)["labels"] as JsonObject ?? new JsonObject();
            labels["kubernetes.io/metadata.name"] = Meta.Name(obj);
            Meta.Of(obj)["labels"] = labels;
            return;
        }

        if (type != BuiltInTypes.Secrets)
        {
            return;
        }

        if (obj["stringData"] is JsonObject plain)
        {
            var data = obj["data"] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in plain)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Meta.Str(value) ?? string.Empty));
            }

            obj["data"] = data;
        }

        obj.Remove("stringData");
        if (Meta.Str(obj["type"]) is null or "")
        {
            obj["type"] = "Opaque";
        }
    }

    public static void CheckImmutable(ResourceType type, JsonObject existing, JsonObject next)
    {
        if ((type != BuiltInTypes.Secrets && type != BuiltInTypes.ConfigMaps) || Meta.Bool(existing["immutable"]) != true)
        {
            return;
        }

        var causes = new List<StatusCause>();
        foreach (var field in new[] { "data", "binaryData", "type" })
        {
            if (!JsonNode.DeepEquals(existing[field], next[field]))
            {
                causes.Add(new StatusCause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", field));
            }
        }

        if (Meta.Bool(next["immutable"]) != true)
        {
            causes.Add(new StatusCause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", "immutable"));
        }

        if (causes.Count > 0)
        {
            throw KubeErrors.Invalid(type.Group, type.Kind, Meta.Name(existing), causes);
        }
    }
}

using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Errors;

namespace IcOperator.Emulators.Kube.Resources;

/// <summary>Reads a <c>CustomResourceDefinition</c> into the kinds it serves, refusing what an API server refuses.</summary>
internal static class CrdReader
{
    public static IReadOnlyList<ResourceType> Read(JsonObject crd)
    {
        var causes = Validate(crd);
        var name = Text(crd["metadata"]?["name"]);
        if (causes.Count > 0)
        {
            throw KubeErrors.Invalid("apiextensions.k8s.io", "CustomResourceDefinition", name, causes);
        }

        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var group = Text(spec["group"]);
        var plural = Text(names["plural"]);
        var kind = Text(names["kind"]);
        var singular = Text(names["singular"]);
        var shortNames = Strings(names["shortNames"]);
        var categories = Strings(names["categories"]);
        var namespaced = Text(spec["scope"]) != "Cluster";
        var types = new List<ResourceType>();
        foreach (var version in spec["versions"]!.AsArray().OfType<JsonObject>())
        {
            if (Storage.Meta.Bool(version["served"]) == false)
            {
                continue;
            }

            types.Add(new ResourceType
            {
                Group = group,
                Version = Text(version["name"]),
                Plural = plural,
                Singular = singular.Length > 0 ? singular : kind.ToLowerInvariant(),
                Kind = kind,
                Namespaced = namespaced,
                ShortNames = shortNames,
                Categories = categories,
                HasStatus = version["subresources"]?["status"] is JsonObject,
                IsCustom = true,
                HasGeneration = true,
                Schema = version["schema"]?["openAPIV3Schema"] as JsonObject,
                PrinterColumns = Columns(version["additionalPrinterColumns"]),
            });
        }

        return types;
    }

    private static List<StatusCause> Validate(JsonObject crd)
    {
        var causes = new List<StatusCause>();
        var spec = crd["spec"] as JsonObject;
        if (spec is null)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", "spec"));
            return causes;
        }

        var group = Text(spec["group"]);
        var names = spec["names"] as JsonObject;
        var plural = Text(names?["plural"]);
        if (group.Length == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", "spec.group"));
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{group}\": should be a domain with at least one dot", "spec.group"));
        }

        if (plural.Length == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", "spec.names.plural"));
        }

        if (Text(names?["kind"]).Length == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", "spec.names.kind"));
        }

        var scope = Text(spec["scope"]);
        if (scope is not ("Namespaced" or "Cluster"))
        {
            causes.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{scope}\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
        }

        var name = Text(crd["metadata"]?["name"]);
        if (plural.Length > 0 && group.Length > 0 && name != $"{plural}.{group}")
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group", "metadata.name"));
        }

        var versions = spec["versions"] as JsonArray;
        if (versions is null || versions.Count == 0)
        {
            causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: null: must have exactly one version marked as storage version", "spec.versions"));
        }
        else if (versions.Count(v => Storage.Meta.Bool(v?["storage"]) == true) != 1)
        {
            causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: \"\": must have exactly one version marked as storage version", "spec.versions"));
        }

        return causes;
    }

    private static List<PrinterColumn> Columns(JsonNode? node) =>
        node is JsonArray columns
            ? columns.OfType<JsonObject>().Select(c => new PrinterColumn(
                Text(c["name"]),
                Text(c["type"]),
                Text(c["format"]),
                Text(c["description"]),
                (int)(Storage.Meta.Long(c["priority"]) ?? 0),
                Text(c["jsonPath"]))).ToList()
            : [];

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).Where(s => s.Length > 0).ToList() : [];

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
}

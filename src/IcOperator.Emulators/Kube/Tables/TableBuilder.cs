using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Resources;

namespace IcOperator.Emulators.Kube.Tables;

/// <summary>
/// <c>meta.k8s.io/v1 Table</c> responses: a Name column, then the CRD's <c>additionalPrinterColumns</c>
/// (or Age when it declares none), cells computed as the API server computes them.
/// </summary>
internal static class TableBuilder
{
    public static JsonObject Build(ResourceType type, IReadOnlyList<JsonObject> items, string resourceVersion, string? continueToken, string includeObject, DateTimeOffset now)
    {
        var columns = Columns(type);
        var definitions = new JsonArray();
        foreach (var column in columns)
        {
            definitions.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["format"] = column.Format,
                ["description"] = column.Description,
                ["priority"] = column.Priority,
            });
        }

        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray(columns.Select(c => Cell(item, c, now)).ToArray());
            var row = new JsonObject { ["cells"] = cells };
            if (includeObject == "Object")
            {
                row["object"] = item.DeepClone();
            }
            else if (includeObject != "None")
            {
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]?.DeepClone(),
                };
            }

            rows.Add(row);
        }

        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    /// <summary>Kubernetes' short human duration (<c>5m3s</c>, <c>3h</c>, <c>2d4h</c>) as <c>kubectl get</c> shows ages.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return $"{seconds}s";
        }

        var minutes = (long)d.TotalMinutes;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        }

        if (minutes < 180)
        {
            return $"{minutes}m";
        }

        var hours = (long)d.TotalHours;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{days}d";
        }

        return $"{hours / 24 / 365}y";
    }

    private static List<PrinterColumn> Columns(ResourceType type)
    {
        var name = new PrinterColumn("Name", "string", "name", "Name must be unique within a namespace.", 0, ".metadata.name");
        var age = new PrinterColumn("Age", "date", string.Empty, "CreationTimestamp is a timestamp representing the server time when this object was created.", 0, ".metadata.creationTimestamp");
        if (type.PrinterColumns.Count > 0)
        {
            return [name, .. type.PrinterColumns];
        }

        return type.Kind switch
        {
            "ConfigMap" => [name, new PrinterColumn("Data", "integer", string.Empty, "Number of keys.", 0, "$count(.data)"), age],
            "Secret" => [name, new PrinterColumn("Type", "string", string.Empty, "The type of the secret.", 0, ".type"), new PrinterColumn("Data", "integer", string.Empty, "Number of keys.", 0, "$count(.data)"), age],
            "Namespace" => [name, new PrinterColumn("Status", "string", string.Empty, "The status of the namespace.", 0, ".status.phase"), age],
            "CustomResourceDefinition" => [name, new PrinterColumn("Created At", "string", "date-time", "When the definition was created.", 0, ".metadata.creationTimestamp")],
            "Lease" => [name, new PrinterColumn("Holder", "string", string.Empty, "The current holder.", 0, ".spec.holderIdentity"), age],
            _ => [name, age],
        };
    }

    private static JsonNode? Cell(JsonObject item, PrinterColumn column, DateTimeOffset now)
    {
        if (column.JsonPath.StartsWith("$count(", StringComparison.Ordinal))
        {
            var field = column.JsonPath["$count(.".Length..^1];
            return (item[field] as JsonObject)?.Count ?? 0;
        }

        var found = SimpleJsonPath.Find(item, column.JsonPath).Where(n => n is not null).ToList();
        if (found.Count == 0)
        {
            return null;
        }

        if (column.Type == "date" && found[0] is JsonValue stamp && DateTimeOffset.TryParse(stamp.ToString(), out var time))
        {
            return HumanDuration(now - time);
        }

        if (found.Count == 1 && found[0] is JsonValue single)
        {
            return column.Type switch
            {
                "integer" or "number" when single.GetValueKind() == JsonValueKind.Number => single.DeepClone(),
                "boolean" when single.GetValueKind() is JsonValueKind.True or JsonValueKind.False => single.DeepClone(),
                _ => single.ToString(),
            };
        }

        return string.Join(",", found.Select(f => f is JsonValue v ? v.ToString() : f!.ToJsonString()));
    }
}

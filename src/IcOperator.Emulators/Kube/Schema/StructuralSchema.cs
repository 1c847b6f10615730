using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IcOperator.Emulators.Kube.Errors;

namespace IcOperator.Emulators.Kube.Schema;

/// <summary>
/// Applies a CRD's structural OpenAPI v3 schema to an object in place, in the API server's order:
/// drop nulls of non-nullable fields, default, prune unknown fields, then validate. Messages and
/// cause reasons follow the API server's, so clients and people read the same errors as from a cluster.
/// </summary>
internal sealed class StructuralSchema
{
    private static readonly HashSet<string> RootMetaFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    private readonly List<StatusCause> _causes = [];
    private readonly List<string> _unknown = [];

    private StructuralSchema()
    {
    }

    /// <summary>Defaults, prunes and validates <paramref name="obj"/> (changed in place).</summary>
    public static SchemaOutcome Apply(JsonObject obj, JsonObject schema)
    {
        var walk = new StructuralSchema();
        walk.VisitObject(obj, schema, string.Empty, root: true);
        return new SchemaOutcome(walk._causes, walk._unknown.Order(StringComparer.Ordinal).ToList());
    }

    private static string? TypeOf(JsonObject schema) =>
        schema["type"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;

    private static bool Flag(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Shown(JsonNode? node) => node is null ? "\"null\"" : node.ToJsonString();

    private static string JsonKind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "unknown",
    };

    private static bool IsInteger(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<decimal>(out var d)
            ? decimal.Truncate(d) == d
            : value.TryGetValue<long>(out _) || value.TryGetValue<int>(out _);

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) ? d
        : node is JsonValue w && w.TryGetValue<long>(out var l) ? l
        : node is JsonValue x && x.TryGetValue<int>(out var i) ? i
        : null;

    private JsonNode? Visit(JsonNode? value, JsonObject schema, string path)
    {
        if (value is null)
        {
            if (!Flag(schema, "nullable"))
            {
                var expected = TypeOf(schema) ?? "object";
                _causes.Add(new StatusCause("FieldValueTypeInvalid", $"Invalid value: \"null\": {path} in body must be of type {expected}: \"null\"", path));
            }

            return null;
        }

        var actual = JsonKind(value);
        if (Flag(schema, "x-kubernetes-int-or-string"))
        {
            if (actual is not ("integer" or "string"))
            {
                _causes.Add(new StatusCause("FieldValueTypeInvalid", $"Invalid value: {Shown(value)}: {path} in body must be of type integer or string: \"{actual}\"", path));
                return value;
            }
        }
        else if (TypeOf(schema) is { } type && !(type == actual || (type == "number" && actual == "integer")))
        {
            _causes.Add(new StatusCause("FieldValueTypeInvalid", $"Invalid value: \"{actual}\": {path} in body must be of type {type}: \"{actual}\"", path));
            return value;
        }

        CheckEnum(value, schema, path);
        switch (value)
        {
            case JsonObject obj:
                VisitObject(obj, schema, path, root: false);
                break;
            case JsonArray array:
                VisitArray(array, schema, path);
                break;
            case JsonValue scalar when actual == "string":
                CheckString(scalar.GetValue<string>(), schema, path);
                break;
            case JsonValue scalar when actual is "integer" or "number":
                CheckNumber(scalar, schema, path);
                break;
        }

        return value;
    }

    private void VisitObject(JsonObject obj, JsonObject schema, string path, bool root)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = Flag(schema, "x-kubernetes-preserve-unknown-fields") || Flag(schema, "x-kubernetes-embedded-resource");
        if (properties is not null)
        {
            foreach (var (key, propertyNode) in properties)
            {
                if (propertyNode is not JsonObject property || (root && RootMetaFields.Contains(key)))
                {
                    continue;
                }

                if (obj.TryGetPropertyValue(key, out var child) && child is null && !Flag(property, "nullable"))
                {
                    // Null on a non-nullable field is dropped before defaulting, as the API server does.
                    obj.Remove(key);
                }

                if (!obj.ContainsKey(key) && property["default"] is { } fallback)
                {
                    obj[key] = fallback.DeepClone();
                }

                if (obj.TryGetPropertyValue(key, out child))
                {
                    var visited = Visit(child, property, Join(path, key));
                    if (!ReferenceEquals(visited, child))
                    {
                        obj[key] = visited;
                    }
                }
            }
        }

        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            if ((root && RootMetaFields.Contains(key)) || properties?.ContainsKey(key) == true)
            {
                continue;
            }

            if (additional is not null)
            {
                Visit(obj[key], additional, Join(path, key));
            }
            else if (!preserve)
            {
                _unknown.Add(Join(path, key));
                obj.Remove(key);
            }
        }

        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r?.GetValue<string>()).OfType<string>())
            {
                if (!obj.ContainsKey(name))
                {
                    _causes.Add(new StatusCause("FieldValueRequired", "Required value", Join(path, name)));
                }
            }
        }

        if (Number(schema["maxProperties"]) is { } maxProperties && obj.Count > maxProperties)
        {
            _causes.Add(new StatusCause("FieldValueTooMany", $"Too many: {obj.Count}: must have at most {maxProperties} items", path));
        }

        if (Number(schema["minProperties"]) is { } minProperties && obj.Count < minProperties)
        {
            _causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {obj.Count}: {path} in body should have at least {minProperties} properties", path));
        }
    }

    private void VisitArray(JsonArray array, JsonObject schema, string path)
    {
        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var child = array[i];
                var visited = Visit(child, items, $"{path}[{i}]");
                if (!ReferenceEquals(visited, child))
                {
                    array[i] = visited;
                }
            }
        }

        if (Number(schema["maxItems"]) is { } maxItems && array.Count > maxItems)
        {
            _causes.Add(new StatusCause("FieldValueTooMany", $"Too many: {array.Count}: must have at most {maxItems} items", path));
        }

        if (Number(schema["minItems"]) is { } minItems && array.Count < minItems)
        {
            _causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {array.Count}: {path} in body should have at least {minItems} items", path));
        }

        CheckListType(array, schema, path);
    }

    private void CheckListType(JsonArray array, JsonObject schema, string path)
    {
        var listType = schema["x-kubernetes-list-type"]?.GetValue<string>();
        if (listType is not ("set" or "map"))
        {
            return;
        }

        var keys = listType == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray mapKeys
            ? mapKeys.Select(k => k?.GetValue<string>()).OfType<string>().ToList()
            : null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var identity = keys is null
                ? array[i]?.ToJsonString() ?? "null"
                : string.Join("\u0000", keys.Select(k => (array[i] as JsonObject)?[k]?.ToJsonString() ?? "null"));
            if (!seen.Add(identity))
            {
                var shown = keys is null
                    ? Shown(array[i])
                    : "map[" + string.Join(" ", keys.Select(k => $"{k}:{(array[i] as JsonObject)?[k]}")) + "]";
                _causes.Add(new StatusCause("FieldValueDuplicate", $"Duplicate value: {shown}", $"{path}[{i}]"));
            }
        }
    }

    private void CheckEnum(JsonNode value, JsonObject schema, string path)
    {
        if (schema["enum"] is not JsonArray allowed || allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            return;
        }

        var supported = string.Join(", ", allowed.Select(Shown));
        _causes.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: {Shown(value)}: supported values: {supported}", path));
    }

    private void CheckString(string text, JsonObject schema, string path)
    {
        if (Number(schema["maxLength"]) is { } maxLength && text.Length > maxLength)
        {
            _causes.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be longer than {maxLength}", path));
        }

        if (Number(schema["minLength"]) is { } minLength && text.Length < minLength)
        {
            _causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {JsonValue.Create(text).ToJsonString()}: {path} in body should be at least {minLength} chars long", path));
        }

        if (Meta(schema, "format") == "date-time" && !IsDateTime(text))
        {
            _causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {JsonValue.Create(text).ToJsonString()}: {path} in body must be of type date-time: {JsonValue.Create(text).ToJsonString()}", path));
        }

        if (schema["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) &&
            !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            _causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {JsonValue.Create(text).ToJsonString()}: {path} in body should match '{pattern}'", path));
        }
    }

    private static string? Meta(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    // The layouts the API server's date-time format accepts: RFC 3339 and its ISO 8601 relatives
    // (seconds, fraction and zone optional; offsets with or without a colon).
    private static bool IsDateTime(string text)
    {
        var match = Regex.Match(text, @"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return false;
        }

        int Part(int group) => int.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
        var seconds = match.Groups[7].Success ? Part(7) : 0;
        return Part(2) is >= 1 and <= 12 && Part(3) >= 1 && Part(3) <= DateTime.DaysInMonth(Part(1), Part(2)) && Part(4) < 24 && Part(5) < 60 && seconds < 60;
    }

    private void CheckNumber(JsonValue value, JsonObject schema, string path)
    {
        var number = Number(value) ?? 0;
        var shown = value.ToJsonString();
        if (Meta(schema, "format") == "int32" && (number < int.MinValue || number > int.MaxValue))
        {
            _causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {shown}: {path} in body must be of type int32: {shown}", path));
        }

        if (Number(schema["minimum"]) is { } minimum)
        {
            var exclusive = Flag(schema, "exclusiveMinimum");
            if (exclusive ? number <= minimum : number < minimum)
            {
                var relation = exclusive ? "greater than" : "greater than or equal to";
                _causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {shown}: {path} in body should be {relation} {minimum}", path));
            }
        }

        if (Number(schema["maximum"]) is { } maximum)
        {
            var exclusive = Flag(schema, "exclusiveMaximum");
            if (exclusive ? number >= maximum : number > maximum)
            {
                var relation = exclusive ? "less than" : "less than or equal to";
                _causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {shown}: {path} in body should be {relation} {maximum}", path));
            }
        }

        if (Number(schema["multipleOf"]) is { } factor && factor != 0 && Math.Abs(Math.IEEERemainder(number, factor)) > 1e-9)
        {
            _causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {shown}: {path} in body should be a multiple of {factor}", path));
        }
    }
}

using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IcOperator.Api.Schema;

namespace IcOperator.Crds;

/// <summary>
/// Turns a C# resource type into a structural OpenAPI v3 schema, reading descriptions, validation and
/// defaults from the attributes on its properties (the approach of KubeOps' transpiler).
/// </summary>
internal static class OpenApiSchemaBuilder
{
    public static Dictionary<string, object?> ForType(Type type, string? description)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var schema = new Dictionary<string, object?>();
        description ??= underlying.GetCustomAttribute<DescriptionAttribute>()?.Description;
        if (description is not null)
        {
            schema["description"] = description;
        }

        if (underlying == typeof(string))
        {
            schema["type"] = "string";
        }
        else if (underlying == typeof(bool))
        {
            schema["type"] = "boolean";
        }
        else if (underlying == typeof(int))
        {
            schema["type"] = "integer";
            schema["format"] = "int32";
        }
        else if (underlying == typeof(long))
        {
            schema["type"] = "integer";
            schema["format"] = "int64";
        }
        else if (underlying == typeof(DateTimeOffset))
        {
            schema["type"] = "string";
            schema["format"] = "date-time";
        }
        else if (underlying.IsEnum)
        {
            schema["type"] = "string";
            schema["enum"] = EnumNames(underlying).Cast<object?>().ToList();
        }
        else if (underlying == typeof(JsonObject))
        {
            schema["type"] = "object";
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }
        else if (DictionaryValueType(underlying) is { } valueType)
        {
            schema["type"] = "object";
            schema["additionalProperties"] = ForType(valueType, null);
        }
        else if (ListItemType(underlying) is { } itemType)
        {
            schema["type"] = "array";
            var items = ForType(itemType, null);
            schema["items"] = items;
        }
        else if (underlying.IsClass)
        {
            AddObject(schema, underlying);
        }
        else
        {
            throw new NotSupportedException($"The CRD generator has no schema for {underlying.FullName}; use string, bool, int, long, DateTimeOffset, an enum, a list, a string map or a record.");
        }

        return schema;
    }

    /// <summary>The wire names of an enum's members, as System.Text.Json writes them.</summary>
    public static IEnumerable<string> EnumNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    /// <summary>The JSON name of a property: its JsonPropertyName, else its name in camelCase.</summary>
    public static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];

    private static void AddObject(Dictionary<string, object?> schema, Type type)
    {
        schema["type"] = "object";
        if (type.GetCustomAttribute<PropertyCountAttribute>() is { } count)
        {
            schema["minProperties"] = count.Minimum;
            schema["maxProperties"] = count.Maximum;
        }

        var properties = new Dictionary<string, object?>();
        var required = new List<object?>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var name = JsonName(property);
            properties[name] = ForProperty(property);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = required;
        }
    }

    private static Dictionary<string, object?> ForProperty(PropertyInfo property)
    {
        var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
        Dictionary<string, object?> schema;
        if (property.GetCustomAttribute<IntOrStringAttribute>() is not null)
        {
            schema = [];
            if (description is not null)
            {
                schema["description"] = description;
            }

            schema["anyOf"] = new List<object?>
            {
                new Dictionary<string, object?> { ["type"] = "integer" },
                new Dictionary<string, object?> { ["type"] = "string" },
            };
            schema["x-kubernetes-int-or-string"] = true;
        }
        else
        {
            schema = ForType(property.PropertyType, description);
        }

        var isList = schema.TryGetValue("type", out var type) && (string?)type == "array";
        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern)
        {
            schema["pattern"] = pattern.Pattern;
        }

        if (property.GetCustomAttribute<ItemPatternAttribute>() is { } itemPattern && schema.TryGetValue("items", out var itemSchema) && itemSchema is Dictionary<string, object?> items)
        {
            items["pattern"] = itemPattern.Pattern;
        }

        if (property.GetCustomAttribute<MinLengthAttribute>() is { } minLength)
        {
            schema[isList ? "minItems" : "minLength"] = minLength.Length;
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
        {
            schema[isList ? "maxItems" : "maxLength"] = maxLength.Length;
        }

        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema["minimum"] = Bound(range.Minimum);
            var maximum = Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
            if (maximum < int.MaxValue)
            {
                // Range(0, long.MaxValue) or (0, int.MaxValue) means "no upper bound" beyond the type's own.
                schema["maximum"] = Bound(range.Maximum);
            }
        }

        if (property.GetCustomAttribute<PropertyCountAttribute>() is { } count)
        {
            schema["minProperties"] = count.Minimum;
            schema["maxProperties"] = count.Maximum;
        }

        if (property.GetCustomAttribute<ListMapAttribute>() is { } listMap)
        {
            schema["x-kubernetes-list-type"] = "map";
            schema["x-kubernetes-list-map-keys"] = listMap.Keys.Cast<object?>().ToList();
        }

        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }

        if (property.GetCustomAttribute<DefaultValueAttribute>() is { } defaultValue)
        {
            schema["default"] = defaultValue.Value;
        }
        else if (property.GetCustomAttribute<DefaultObjectAttribute>() is not null)
        {
            schema["default"] = new Dictionary<string, object?>();
        }

        return schema;
    }

    private static long Bound(object value) =>
        (long)Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    private static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0]
        : type.IsArray ? type.GetElementType()
        : type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Resources;

namespace IcOperator.Emulators.Kube.OpenApi;

/// <summary>
/// <c>/openapi/v3</c>: an index of group-versions, and per group-version a document with the paths
/// (PATCH and POST carry <c>fieldValidation</c>, which is how kubectl decides to let the server
/// validate) and the kinds' schemas tagged with <c>x-kubernetes-group-version-kind</c> (how
/// <c>kubectl explain</c> finds them).
/// </summary>
internal static class OpenApiDocuments
{
    private const string ObjectMetaRef = "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private const string ListMetaRef = "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

    public static string PathKey(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    public static JsonObject Index(IReadOnlyList<ResourceType> types)
    {
        var paths = new JsonObject();
        foreach (var gv in types.Select(t => (t.Group, t.Version)).Distinct())
        {
            var document = GroupVersion(types, gv.Group, gv.Version)!;
            var hash = Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())))[..32];
            paths[PathKey(gv.Group, gv.Version)] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{PathKey(gv.Group, gv.Version)}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(IReadOnlyList<ResourceType> types, string group, string version)
    {
        var served = types.Where(t => t.Group == group && t.Version == version).ToList();
        if (served.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        var schemas = new JsonObject
        {
            ["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"] = ObjectMeta(),
            ["io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"] = ListMeta(),
            ["io.k8s.apimachinery.pkg.apis.meta.v1.Status"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
        };
        foreach (var type in served)
        {
            var schemaName = SchemaName(type);
            schemas[schemaName] = KindSchema(type);
            schemas[schemaName + "List"] = ListSchema(type, schemaName);
            AddPaths(paths, type, schemaName);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    /// <summary>The definition name the API server uses: the group reversed, then version and kind.</summary>
    public static string SchemaName(ResourceType type)
    {
        if (type.Group.Length == 0)
        {
            return $"io.k8s.api.core.{type.Version}.{type.Kind}";
        }

        var reversed = string.Join('.', type.Group.Split('.').Reverse());
        return $"{reversed}.{type.Version}.{type.Kind}";
    }

    private static JsonObject Gvk(ResourceType type) => new() { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };

    private static JsonObject KindSchema(ResourceType type)
    {
        var schema = type.Schema?.DeepClone().AsObject() ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        schema["type"] = "object";
        var properties = schema["properties"] as JsonObject ?? new JsonObject();
        schema["properties"] = properties;
        properties["apiVersion"] = new JsonObject
        {
            ["description"] = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.",
            ["type"] = "string",
        };
        properties["kind"] = new JsonObject
        {
            ["description"] = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to.",
            ["type"] = "string",
        };
        properties["metadata"] = new JsonObject
        {
            ["description"] = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = ObjectMetaRef }),
        };
        schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(type));
        return schema;
    }

    private static JsonObject ListSchema(ResourceType type, string schemaName) => new()
    {
        ["description"] = $"{type.Kind}List is a list of {type.Kind}",
        ["type"] = "object",
        ["required"] = new JsonArray("items"),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string" },
            ["kind"] = new JsonObject { ["type"] = "string" },
            ["items"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" } },
            ["metadata"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = ListMetaRef }) },
        },
        ["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.ListKind }),
    };

    private static void AddPaths(JsonObject paths, ResourceType type, string schemaName)
    {
        var prefix = type.Group.Length == 0 ? $"/api/{type.Version}" : $"/apis/{type.Group}/{type.Version}";
        var scope = type.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{type.Plural}" : $"{prefix}/{type.Plural}";
        var pathParameters = type.Namespaced ? new[] { "namespace" } : [];
        paths[scope] = new JsonObject
        {
            ["get"] = Operation(type, "list", schemaName + "List", []),
            ["post"] = Operation(type, "post", schemaName, ["dryRun", "fieldManager", "fieldValidation"], requestBody: schemaName),
            ["delete"] = Operation(type, "deletecollection", "io.k8s.apimachinery.pkg.apis.meta.v1.Status", []),
            ["parameters"] = PathParameters(pathParameters),
        };
        var item = $"{scope}/{{name}}";
        paths[item] = new JsonObject
        {
            ["get"] = Operation(type, "get", schemaName, []),
            ["put"] = Operation(type, "put", schemaName, ["dryRun", "fieldManager", "fieldValidation"], requestBody: schemaName),
            ["patch"] = Operation(type, "patch", schemaName, ["dryRun", "fieldManager", "fieldValidation", "force"], requestBody: "patch"),
            ["delete"] = Operation(type, "delete", schemaName, []),
            ["parameters"] = PathParameters([.. pathParameters, "name"]),
        };
        if (type.HasStatus)
        {
            paths[item + "/status"] = new JsonObject
            {
                ["get"] = Operation(type, "get", schemaName, []),
                ["put"] = Operation(type, "put", schemaName, ["dryRun", "fieldManager", "fieldValidation"], requestBody: schemaName),
                ["patch"] = Operation(type, "patch", schemaName, ["dryRun", "fieldManager", "fieldValidation", "force"], requestBody: "patch"),
                ["parameters"] = PathParameters([.. pathParameters, "name"]),
            };
        }

        if (type.Namespaced)
        {
            paths[$"{prefix}/{type.Plural}"] = new JsonObject { ["get"] = Operation(type, "list", schemaName + "List", []) };
        }
    }

    private static JsonArray PathParameters(IEnumerable<string> names) =>
        new(names.Select(n => (JsonNode)new JsonObject
        {
            ["name"] = n,
            ["in"] = "path",
            ["required"] = true,
            ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
        }).ToArray());

    private static JsonObject Operation(ResourceType type, string action, string responseSchema, string[] queryParameters, string? requestBody = null)
    {
        var operation = new JsonObject
        {
            ["operationId"] = $"{action}{type.Kind}",
            ["parameters"] = new JsonArray(queryParameters.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p,
                ["in"] = "query",
                ["description"] = Describe(p),
                ["schema"] = new JsonObject { ["type"] = p == "force" ? "boolean" : "string", ["uniqueItems"] = true },
            }).ToArray()),
        };
        if (requestBody == "patch")
        {
            var content = new JsonObject();
            foreach (var media in new[] { "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json" })
            {
                content[media] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
            }

            operation["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        }
        else if (requestBody is not null)
        {
            operation["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{requestBody}" } } },
                ["required"] = true,
            };
        }

        operation["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{responseSchema}" } } },
            },
        };
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = Gvk(type);
        return operation;
    }

    private static string Describe(string parameter) => parameter switch
    {
        "fieldValidation" => "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict",
        "fieldManager" => "fieldManager is a name associated with the actor or entity that is making these changes.",
        "dryRun" => "When present, indicates that modifications should not be persisted.",
        _ => "Force is going to \"force\" Apply requests.",
    };

    private static JsonObject ObjectMeta() => new()
    {
        ["description"] = "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["name"] = Field("string", "Name must be unique within a namespace."),
            ["generateName"] = Field("string", "GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided."),
            ["namespace"] = Field("string", "Namespace defines the space within which each name must be unique."),
            ["uid"] = Field("string", "UID is the unique in time and space value for this object."),
            ["resourceVersion"] = Field("string", "An opaque value that represents the internal version of this object."),
            ["generation"] = new JsonObject { ["type"] = "integer", ["format"] = "int64", ["description"] = "A sequence number representing a specific generation of the desired state." },
            ["creationTimestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time", ["description"] = "CreationTimestamp is a timestamp representing the server time when this object was created." },
            ["deletionTimestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time", ["description"] = "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted." },
            ["labels"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" }, ["description"] = "Map of string keys and values that can be used to organize and categorize objects." },
            ["annotations"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" }, ["description"] = "Annotations is an unstructured key value map stored with a resource." },
            ["finalizers"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["description"] = "Must be empty before the object is deleted from the registry." },
            ["ownerReferences"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true }, ["description"] = "List of objects depended by this object." },
            ["managedFields"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true }, ["description"] = "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow." },
        },
    };

    private static JsonObject ListMeta() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["continue"] = Field("string", "continue may be set if the user set a limit on the number of items returned."),
            ["remainingItemCount"] = new JsonObject { ["type"] = "integer", ["format"] = "int64" },
            ["resourceVersion"] = Field("string", "String that identifies the server's internal version of this object."),
        },
    };

    private static JsonObject Field(string type, string description) => new() { ["type"] = type, ["description"] = description };
}

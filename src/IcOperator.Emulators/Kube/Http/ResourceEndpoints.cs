using System.Globalization;
using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Errors;
using IcOperator.Emulators.Kube.Patching;
using IcOperator.Emulators.Kube.Resources;
using IcOperator.Emulators.Kube.Selection;
using IcOperator.Emulators.Kube.Storage;
using IcOperator.Emulators.Kube.Tables;
using Microsoft.AspNetCore.Http;

namespace IcOperator.Emulators.Kube.Http;

/// <summary>The verbs on a resource path: get, list, watch, create, update, patch, delete, deletecollection.</summary>
internal sealed class ResourceEndpoints(ObjectStore store, WatchStream watches, TimeProvider time, TimeSpan defaultWatchTimeout, CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext context, ResourcePath path)
    {
        var method = context.Request.Method;
        switch (method)
        {
            case "GET" when path.Name is null && IsTrue(context.Request.Query["watch"]):
                await WatchAsync(context, path);
                break;
            case "GET" when path.Name is null:
                await ListAsync(context, path);
                break;
            case "GET":
                var obj = store.Get(path.Type, path.Namespace, path.Name);
                await WriteObjectAsync(context, path.Type, 200, obj);
                break;
            case "POST" when path.Name is null:
                await CreateAsync(context, path);
                break;
            case "PUT" when path.Name is not null:
                await UpdateAsync(context, path);
                break;
            case "PATCH" when path.Name is not null:
                await PatchAsync(context, path);
                break;
            case "DELETE" when path.Name is not null:
                await DeleteAsync(context, path);
                break;
            case "DELETE":
                await DeleteCollectionAsync(context, path);
                break;
            default:
                throw KubeErrors.MethodNotAllowed($"the server does not allow this method on the requested resource ({method})");
        }
    }

    internal static bool IsTrue(string? value) => value is "true" or "1" or "True";

    private static bool WantsTable(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    private static WriteOptions Options(HttpContext context, string operation = "Update")
    {
        var query = context.Request.Query;
        var manager = query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            // The API server names an unnamed writer after its user agent's program name.
            var agent = context.Request.Headers.UserAgent.ToString();
            manager = agent.Length > 0 ? agent.Split('/')[0] : "unknown";
        }

        var validation = query["fieldValidation"].ToString();
        if (validation.Length > 0 && validation is not ("Strict" or "Warn" or "Ignore"))
        {
            throw KubeErrors.BadRequest($"fieldValidation: Unsupported value: \"{validation}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }

        return new WriteOptions
        {
            FieldManager = manager,
            FieldValidation = validation.Length > 0 ? validation : "Warn",
            DryRun = query["dryRun"].ToString() == "All",
            Operation = operation,
        };
    }

    private async Task WriteObjectAsync(HttpContext context, ResourceType type, int status, JsonObject obj)
    {
        if (WantsTable(context) && Meta.Str(obj["kind"]) == type.Kind)
        {
            var include = context.Request.Query["includeObject"].ToString();
            await HttpJson.WriteAsync(context, status, TableBuilder.Build(type, [obj], Meta.ResourceVersion(obj), null, include, time.GetUtcNow()));
            return;
        }

        await HttpJson.WriteAsync(context, status, obj);
    }

    private static async Task WriteResultAsync(HttpContext context, int status, WriteResult result)
    {
        foreach (var warning in result.Warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        await HttpJson.WriteAsync(context, status, result.Object);
    }

    private async Task ListAsync(HttpContext context, ResourcePath path)
    {
        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 0;
        var page = store.List(path.Type, path.Namespace, LabelSelector.Parse(query["labelSelector"]),
            FieldSelector.Parse(query["fieldSelector"], path.Type), limit, query["continue"]);
        var version = page.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (WantsTable(context))
        {
            var include = query["includeObject"].ToString();
            await HttpJson.WriteAsync(context, 200, TableBuilder.Build(path.Type, page.Items, version, page.Continue, include, time.GetUtcNow()));
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = version };
        if (page.Continue is not null)
        {
            metadata["continue"] = page.Continue;
        }

        if (page.RemainingItemCount is { } remaining)
        {
            metadata["remainingItemCount"] = remaining;
        }

        var items = new JsonArray();
        foreach (var item in page.Items)
        {
            if (!path.Type.IsCustom)
            {
                // Typed lists carry kind and apiVersion once, on the list.
                item.Remove("kind");
                item.Remove("apiVersion");
            }

            items.Add(item);
        }

        await HttpJson.WriteAsync(context, 200, new JsonObject
        {
            ["kind"] = path.Type.ListKind,
            ["apiVersion"] = path.Type.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = items,
        });
    }

    private async Task WatchAsync(HttpContext context, ResourcePath path)
    {
        var query = context.Request.Query;
        var subscription = store.Watch(path.Type, path.Namespace, LabelSelector.Parse(query["labelSelector"]),
            FieldSelector.Parse(query["fieldSelector"], path.Type), query["resourceVersion"], IsTrue(query["sendInitialEvents"]));
        var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : defaultWatchTimeout;
        await watches.ServeAsync(context, path.Type, subscription, timeout, IsTrue(query["allowWatchBookmarks"]), WantsTable(context), stopping);
    }

    private async Task CreateAsync(HttpContext context, ResourcePath path)
    {
        var body = await HttpJson.ReadObjectAsync(context);
        CheckKind(path.Type, body);
        var result = store.Create(path.Type, path.Namespace, body, Options(context));
        await WriteResultAsync(context, Options(context).DryRun ? 200 : 201, result);
    }

    private async Task UpdateAsync(HttpContext context, ResourcePath path)
    {
        var body = await HttpJson.ReadObjectAsync(context);
        CheckKind(path.Type, body);
        var result = store.Update(path.Type, path.Namespace, path.Name!, body, path.Subresource, Options(context));
        await WriteResultAsync(context, 200, result);
    }

    private async Task PatchAsync(HttpContext context, ResourcePath path)
    {
        var contentType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim();
        var text = await HttpJson.ReadTextAsync(context);
        Func<JsonObject?, JsonNode?> patch;
        var options = Options(context);
        var apply = false;
        switch (contentType)
        {
            case "application/merge-patch+json":
                var merge = HttpJson.Parse(text, yaml: false);
                patch = current => JsonMergePatch.Apply(current, merge);
                break;
            case "application/strategic-merge-patch+json":
                var strategic = HttpJson.Parse(text, yaml: false);
                patch = current => StrategicMergePatch.Apply(current, strategic);
                break;
            case "application/json-patch+json":
                var operations = HttpJson.Parse(text, yaml: false);
                patch = current => JsonPatch.Apply(current, operations);
                break;
            case "application/apply-patch+yaml" or "application/apply-patch+cbor":
                if (context.Request.Query["fieldManager"].ToString().Length == 0)
                {
                    throw KubeErrors.Invalid("meta.k8s.io", "PatchOptions", "", [new StatusCause("FieldValueRequired", "Required value: is required for apply patch", "fieldManager")]);
                }

                var applied = HttpJson.ParseObject(text, yaml: true);
                CheckKind(path.Type, applied);
                options = options with { Operation = "Apply", AppliedConfiguration = applied };
                var manager = options.FieldManager;
                patch = current => current is null ? applied.DeepClone() : ServerSideApply.Apply(current, applied, manager);
                apply = true;
                break;
            default:
                throw KubeErrors.UnsupportedMediaType(contentType);
        }

        var result = store.Patch(path.Type, path.Namespace, path.Name!, patch, path.Subresource, options, createIfAbsent: apply);
        await WriteResultAsync(context, result.Created ? 201 : 200, result);
    }

    private async Task DeleteAsync(HttpContext context, ResourcePath path)
    {
        var options = await DeleteOptionsAsync(context);
        var (obj, removed) = store.Delete(path.Type, path.Namespace, path.Name!, options);
        if (removed && !path.Type.IsCustom)
        {
            var details = new JsonObject { ["name"] = path.Name };
            if (path.Type.Group.Length > 0)
            {
                details["group"] = path.Type.Group;
            }

            details["kind"] = path.Type.Plural;
            details["uid"] = Meta.Uid(obj);
            await HttpJson.WriteAsync(context, 200, new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
                ["details"] = details,
            });
            return;
        }

        await HttpJson.WriteAsync(context, 200, obj);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourcePath path)
    {
        var options = await DeleteOptionsAsync(context);
        var query = context.Request.Query;
        var page = store.List(path.Type, path.Namespace, LabelSelector.Parse(query["labelSelector"]),
            FieldSelector.Parse(query["fieldSelector"], path.Type), 0, null);
        var items = new JsonArray();
        foreach (var item in page.Items)
        {
            try
            {
                items.Add(store.Delete(path.Type, Meta.Namespace(item) is { Length: > 0 } ns ? ns : null, Meta.Name(item), options).Object);
            }
            catch (KubeApiException e) when (e.Code == 404)
            {
                // Removed meanwhile (by the garbage collector, say): nothing left to delete.
            }
        }

        await HttpJson.WriteAsync(context, 200, new JsonObject
        {
            ["kind"] = path.Type.ListKind,
            ["apiVersion"] = path.Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["items"] = items,
        });
    }

    private static async Task<DeleteOptions> DeleteOptionsAsync(HttpContext context)
    {
        var body = await HttpJson.ReadOptionalObjectAsync(context);
        var query = context.Request.Query;
        var policy = Meta.Str(body?["propagationPolicy"]) ?? (query["propagationPolicy"].ToString() is { Length: > 0 } p ? p : null);
        if (Meta.Bool(body?["orphanDependents"]) == true)
        {
            policy ??= "Orphan";
        }

        if (policy is not (null or "Background" or "Foreground" or "Orphan"))
        {
            throw KubeErrors.Invalid("meta.k8s.io", "DeleteOptions", "", [new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{policy}\": supported values: \"Background\", \"Foreground\", \"Orphan\"", "propagationPolicy")]);
        }

        var dryRun = query["dryRun"].ToString() == "All" || (body?["dryRun"] is JsonArray runs && runs.Any(r => Meta.Str(r) == "All"));
        return new DeleteOptions
        {
            PropagationPolicy = policy,
            PreconditionUid = Meta.Str(body?["preconditions"]?["uid"]),
            PreconditionResourceVersion = Meta.Str(body?["preconditions"]?["resourceVersion"]),
            DryRun = dryRun,
        };
    }

    private static void CheckKind(ResourceType type, JsonObject body)
    {
        if (body["kind"] is JsonValue kind && kind.TryGetValue<string>(out var text) && text.Length > 0 && text != type.Kind)
        {
            throw KubeErrors.BadRequest($"the kind in the body ({text}) does not match the kind served at this path ({type.Kind})");
        }
    }
}

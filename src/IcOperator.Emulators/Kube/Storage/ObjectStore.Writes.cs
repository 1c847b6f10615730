using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Errors;
using IcOperator.Emulators.Kube.Resources;
using IcOperator.Emulators.Kube.Schema;

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>Creates and updates: server-managed metadata, schema admission, generation and no-op detection.</summary>
internal sealed partial class ObjectStore
{
    private WriteResult CreateLocked(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        var obj = body.DeepClone().AsObject();
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        var metadata = Meta.Of(obj);
        if (type.Namespaced)
        {
            var bodyNamespace = Meta.Namespace(obj);
            ns = string.IsNullOrEmpty(ns) ? bodyNamespace : ns;
            if (bodyNamespace.Length > 0 && bodyNamespace != ns)
            {
                throw KubeErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            if (string.IsNullOrEmpty(ns))
            {
                throw KubeErrors.BadRequest("the server could not find the requested resource: a namespace is required");
            }

            var space = Find(BuiltInTypes.Namespaces, null, ns) ?? throw KubeErrors.NotFound("", "namespaces", ns);
            if (Meta.IsDeleting(space))
            {
                throw new KubeApiException(403, "Forbidden", $"{type.Plural}{(type.Group.Length > 0 ? "." + type.Group : "")} \"{Meta.Name(obj)}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated");
            }

            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
            ns = null;
        }

        var name = Meta.Name(obj);
        if (name.Length == 0)
        {
            var prefix = Meta.Text(obj, "generateName");
            if (prefix.Length == 0)
            {
                throw KubeErrors.Invalid(type.Group, type.Kind, "", [new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name")]);
            }

            do
            {
                name = prefix + string.Concat(Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)]));
            }
            while (Find(type, ns, name) is not null);
            metadata["name"] = name;
        }

        ValidateName(type, name);
        if (Find(type, ns, name) is not null)
        {
            throw KubeErrors.AlreadyExists(type.Group, type.Plural, name);
        }

        foreach (var field in new[] { "resourceVersion", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "generation", "managedFields" })
        {
            metadata.Remove(field);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Now();
        if (type.HasGeneration)
        {
            metadata["generation"] = 1L;
        }

        if (type.HasStatus && type.IsCustom)
        {
            obj.Remove("status");
        }

        if (type == BuiltInTypes.Namespaces)
        {
            obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }

        var warnings = Admit(type, obj, options);
        ManagedFields.Record(obj, body, Manager(options), options.Operation, type.ApiVersion, null, Now());
        if (type == BuiltInTypes.CustomResourceDefinitions)
        {
            CrdReader.Read(obj);
            obj["status"] = CrdStatus(obj);
        }

        if (options.DryRun)
        {
            return new WriteResult(ToClient(obj, type), warnings);
        }

        metadata["resourceVersion"] = NextVersion();
        Store(type.StorageKey, Key(ns, name), obj);
        Publish("ADDED", type.StorageKey, obj, null);
        if (type == BuiltInTypes.CustomResourceDefinitions)
        {
            _registry.RegisterCrd(obj);
        }

        return new WriteResult(ToClient(obj, type), warnings, Created: true);
    }

    private WriteResult CommitUpdate(ResourceType type, JsonObject existing, JsonObject body, string? subresource, WriteOptions options)
    {
        JsonObject next;
        if (subresource == "status")
        {
            // A status write changes status only, whatever else the body carries.
            next = existing.DeepClone().AsObject();
            if (body["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
        }
        else
        {
            next = body.DeepClone().AsObject();
            var metadata = Meta.Of(next);
            var old = Meta.Of(existing);
            foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name", "managedFields" })
            {
                if (old[field] is { } value)
                {
                    metadata[field] = value.DeepClone();
                }
                else
                {
                    metadata.Remove(field);
                }
            }

            if (type.HasStatus)
            {
                if (existing["status"] is { } status)
                {
                    next["status"] = status.DeepClone();
                }
                else
                {
                    next.Remove("status");
                }
            }
        }

        next["apiVersion"] = type.ApiVersion;
        next["kind"] = type.Kind;
        Meta.Of(next)["resourceVersion"] = Meta.ResourceVersion(existing);
        if (Meta.IsDeleting(existing) && Meta.Finalizers(next).Except(Meta.Finalizers(existing)).Any())
        {
            throw KubeErrors.Invalid(type.Group, type.Kind, Meta.Name(existing), [new StatusCause("FieldValueForbidden", "Forbidden: no new finalizers can be added if the object is being deleted", "metadata.finalizers")]);
        }

        var warnings = Admit(type, next, options);
        if (type.HasGeneration && SpecChanged(type, existing, next))
        {
            Meta.Of(next)["generation"] = (Meta.Long(Meta.Of(existing)["generation"]) ?? 0) + 1;
        }

        if (type == BuiltInTypes.CustomResourceDefinitions && subresource is null)
        {
            CrdReader.Read(next);
            next["status"] = CrdStatus(next);
        }

        ManagedFields.Record(next, body, Manager(options), options.Operation, type.ApiVersion, subresource, Now());
        if (SameIgnoringManagedFields(existing, next))
        {
            // A write that changes nothing is not stored and wakes no watcher, as with etcd3 storage.
            return new WriteResult(ToClient(existing, type), warnings);
        }

        if (options.DryRun)
        {
            return new WriteResult(ToClient(next, type), warnings);
        }

        var result = ReplaceLocked(type.StorageKey, existing, next);
        if (type == BuiltInTypes.CustomResourceDefinitions && Find(type, null, Meta.Name(next)) is not null)
        {
            _registry.RegisterCrd(next);
        }

        if (Meta.IsDeleting(next))
        {
            CollectGarbage();
        }

        return new WriteResult(ToClient(result, type), warnings);
    }

    /// <summary>Stores <paramref name="next"/> in place of <paramref name="existing"/>, or removes it when its last finalizer is gone.</summary>
    private JsonObject ReplaceLocked(string storageKey, JsonObject existing, JsonObject next)
    {
        if (Meta.IsDeleting(next) && Meta.Finalizers(next).Count == 0 && !IsNamespaceAwaitingCleanup(storageKey, next))
        {
            return RemoveLocked(storageKey, next, existing);
        }

        Meta.Of(next)["resourceVersion"] = NextVersion();
        Store(storageKey, Key(Meta.Namespace(next) is { Length: > 0 } ns ? ns : null, Meta.Name(next)), next);
        Publish("MODIFIED", storageKey, next, existing);
        return next;
    }

    private static List<string> Admit(ResourceType type, JsonObject obj, WriteOptions options)
    {
        var warnings = new List<string>();
        if (type.Schema is null)
        {
            return warnings;
        }

        var outcome = StructuralSchema.Apply(obj, type.Schema);
        if (outcome.UnknownFields.Count > 0)
        {
            if (options.FieldValidation == "Strict")
            {
                var fields = string.Join(", ", outcome.UnknownFields.Select(f => $"unknown field \"{f}\""));
                throw KubeErrors.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
            }

            if (options.FieldValidation != "Ignore")
            {
                warnings.AddRange(outcome.UnknownFields.Select(f => $"unknown field \"{f}\""));
            }
        }

        if (outcome.Causes.Count > 0)
        {
            throw KubeErrors.Invalid(type.Group, type.Kind, Meta.Name(obj), outcome.Causes);
        }

        return warnings;
    }

    private static void ValidateName(ResourceType type, string name)
    {
        var valid = type == BuiltInTypes.Namespaces
            ? name.Length <= 63 && DnsLabel.IsMatch(name)
            : name.Length <= 253 && DnsSubdomain.IsMatch(name);
        if (!valid)
        {
            var what = type == BuiltInTypes.Namespaces
                ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
                : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
            throw KubeErrors.Invalid(type.Group, type.Kind, name, [new StatusCause("FieldValueInvalid", $"Invalid value: \"{name}\": {what}", "metadata.name")]);
        }
    }

    /// <summary>Generation follows the desired state: everything but metadata, and but status when status is a subresource.</summary>
    private static bool SpecChanged(ResourceType type, JsonObject before, JsonObject after)
    {
        foreach (var key in before.Select(p => p.Key).Union(after.Select(p => p.Key)))
        {
            if (key is "metadata" or "apiVersion" or "kind" || (key == "status" && type.HasStatus))
            {
                continue;
            }

            if (!JsonNode.DeepEquals(before[key], after[key]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameIgnoringManagedFields(JsonObject before, JsonObject after)
    {
        var a = before.DeepClone().AsObject();
        var b = after.DeepClone().AsObject();
        Meta.Of(a).Remove("managedFields");
        Meta.Of(b).Remove("managedFields");
        return JsonNode.DeepEquals(a, b);
    }

    private static string Manager(WriteOptions options) => options.FieldManager.Length > 0 ? options.FieldManager : "unknown";

    private static JsonObject CrdStatus(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var storage = spec["versions"]!.AsArray().OfType<JsonObject>().First(v => Meta.Bool(v["storage"]) == true)["name"]!.GetValue<string>();
        var now = Meta.Timestamp(DateTimeOffset.UtcNow);
        return new JsonObject
        {
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["reason"] = "NoConflicts", ["message"] = "no conflicts found", ["lastTransitionTime"] = now },
                new JsonObject { ["type"] = "Established", ["status"] = "True", ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted", ["lastTransitionTime"] = now }),
            ["acceptedNames"] = spec["names"]!.DeepClone(),
            ["storedVersions"] = new JsonArray(storage),
        };
    }
}

using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Resources;
using static IcOperator.Emulators.Kube.Storage.Meta;

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>
/// Deletion: finalizers and <c>deletionTimestamp</c>, owner-reference garbage collection (background,
/// foreground and orphan propagation), namespace termination and CRD removal.
/// </summary>
internal sealed partial class ObjectStore
{
    private const string OrphanFinalizer = "orphan";
    private const string ForegroundFinalizer = "foregroundDeletion";

    private JsonObject DeleteLocked(string storageKey, JsonObject existing, string propagation)
    {
        var finalizers = Meta.Finalizers(existing);
        var extra = propagation switch
        {
            "Orphan" => OrphanFinalizer,
            "Foreground" => ForegroundFinalizer,
            _ => null,
        };
        if (extra is not null && !finalizers.Contains(extra) && HasDependents(Meta.Uid(existing)))
        {
            finalizers.Add(extra);
        }

        var isNamespace = storageKey == BuiltInTypes.Namespaces.StorageKey;
        if (Meta.IsDeleting(existing))
        {
            if (finalizers.Count == Meta.Finalizers(existing).Count)
            {
                return existing;
            }

            var updated = existing.DeepClone().AsObject();
            Meta.SetFinalizers(updated, finalizers);
            return ReplaceLocked(storageKey, existing, updated);
        }

        if (finalizers.Count == 0 && !isNamespace)
        {
            return RemoveLocked(storageKey, existing, existing);
        }

        var next = existing.DeepClone().AsObject();
        var metadata = Meta.Of(next);
        metadata["deletionTimestamp"] = Now();
        metadata["deletionGracePeriodSeconds"] = 0;
        Meta.SetFinalizers(next, finalizers);
        if (metadata["generation"] is { } generation)
        {
            metadata["generation"] = (Long(generation) ?? 0) + 1;
        }

        if (isNamespace)
        {
            next["status"] = new JsonObject { ["phase"] = "Terminating" };
        }

        return ReplaceLocked(storageKey, existing, next);
    }

    private JsonObject RemoveLocked(string storageKey, JsonObject last, JsonObject previous)
    {
        var removed = last.DeepClone().AsObject();
        Meta.Of(removed)["resourceVersion"] = NextVersion();
        var ns = Meta.Namespace(removed);
        if (_objects.TryGetValue(storageKey, out var objects))
        {
            objects.Remove(Key(ns.Length > 0 ? ns : null, Meta.Name(removed)));
        }

        _byUid.Remove(Meta.Uid(removed));
        Publish("DELETED", storageKey, removed, previous);
        if (storageKey == BuiltInTypes.CustomResourceDefinitions.StorageKey)
        {
            RemoveCustomResources(removed);
        }

        return removed;
    }

    // Deleting a CRD deletes its objects at once; a cluster waits for their finalizers, this server does not.
    private void RemoveCustomResources(JsonObject crd)
    {
        _registry.RemoveCrd(Meta.Name(crd));
        var storageKey = Meta.Name(crd);
        foreach (var (_, obj) in Objects(storageKey))
        {
            RemoveLocked(storageKey, obj, obj);
        }

        _objects.Remove(storageKey);
    }

    private bool IsNamespaceAwaitingCleanup(string storageKey, JsonObject ns) =>
        storageKey == BuiltInTypes.Namespaces.StorageKey &&
        _objects.Any(kind => kind.Key != storageKey && kind.Value.Values.Any(o => Meta.Namespace(o) == Meta.Name(ns)));

    private bool HasDependents(string uid) =>
        _objects.Values.SelectMany(d => d.Values).Any(o => Meta.OwnerReferences(o).Any(r => Str(r["uid"]) == uid));

    /// <summary>Runs the garbage collector's rules until nothing more changes.</summary>
    private void CollectGarbage()
    {
        for (var round = 0; round < 100 && CollectOnce(); round++)
        {
        }
    }

    private bool CollectOnce()
    {
        var changed = false;
        var all = _objects.SelectMany(kind => kind.Value.Values.Select(o => (StorageKey: kind.Key, Object: o))).ToList();
        var owners = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (_, obj) in all)
        {
            owners[Meta.Uid(obj)] = obj;
        }

        foreach (var (storageKey, obj) in all)
        {
            var refs = Meta.OwnerReferences(obj).ToList();
            if (refs.Count == 0 || Current(storageKey, obj) is not { } current)
            {
                continue;
            }

            var states = refs.Select(r => owners.TryGetValue(Str(r["uid"]) ?? string.Empty, out var owner) ? owner : null).ToList();
            var orphaning = refs.Where((_, i) => states[i] is { } o && Meta.IsDeleting(o) && Meta.Finalizers(o).Contains(OrphanFinalizer)).ToList();
            var absent = refs.Where((_, i) => states[i] is null).ToList();
            var foreground = states.Any(o => o is not null && Meta.IsDeleting(o) && Meta.Finalizers(o).Contains(ForegroundFinalizer));
            if (orphaning.Count > 0 || (absent.Count > 0 && absent.Count < refs.Count && !foreground))
            {
                var drop = orphaning.Concat(absent.Count < refs.Count ? absent : []).ToList();
                var next = current.DeepClone().AsObject();
                var kept = refs.Where(r => !drop.Contains(r)).Select(r => (JsonNode)r.DeepClone()).ToArray();
                if (kept.Length == 0)
                {
                    Meta.Of(next).Remove("ownerReferences");
                }
                else
                {
                    Meta.Of(next)["ownerReferences"] = new JsonArray(kept);
                }

                ReplaceLocked(storageKey, current, next);
                changed = true;
            }
            else if ((absent.Count == refs.Count || foreground) && !Meta.IsDeleting(current))
            {
                DeleteLocked(storageKey, current, foreground ? "Foreground" : "Background");
                changed = true;
            }
        }

        changed |= ReleaseOwners(OrphanFinalizer);
        changed |= ReleaseOwners(ForegroundFinalizer);
        changed |= TerminateNamespaces();
        return changed;
    }

    /// <summary>Drops the GC finalizer from owners whose dependents are all gone (foreground) or released (orphan).</summary>
    private bool ReleaseOwners(string finalizer)
    {
        var changed = false;
        foreach (var (storageKey, owner) in _objects.SelectMany(kind => kind.Value.Values.Select(o => (kind.Key, o))).ToList())
        {
            if (!Meta.IsDeleting(owner) || !Meta.Finalizers(owner).Contains(finalizer) || HasDependents(Meta.Uid(owner)))
            {
                continue;
            }

            var next = owner.DeepClone().AsObject();
            Meta.SetFinalizers(next, Meta.Finalizers(owner).Where(f => f != finalizer).ToList());
            ReplaceLocked(storageKey, owner, next);
            changed = true;
        }

        return changed;
    }

    private bool TerminateNamespaces()
    {
        var changed = false;
        foreach (var (_, ns) in Objects(BuiltInTypes.Namespaces.StorageKey))
        {
            if (!Meta.IsDeleting(ns))
            {
                continue;
            }

            var name = Meta.Name(ns);
            var contents = _objects.Where(kind => kind.Key != BuiltInTypes.Namespaces.StorageKey)
                .SelectMany(kind => kind.Value.Values.Where(o => Meta.Namespace(o) == name).Select(o => (kind.Key, o))).ToList();
            foreach (var (storageKey, obj) in contents.Where(c => !Meta.IsDeleting(c.o)))
            {
                DeleteLocked(storageKey, obj, "Background");
                changed = true;
            }

            if (contents.Count == 0 && Meta.Finalizers(ns).Count == 0)
            {
                RemoveLocked(BuiltInTypes.Namespaces.StorageKey, ns, ns);
                changed = true;
            }
        }

        return changed;
    }

    private JsonObject? Current(string storageKey, JsonObject obj)
    {
        var ns = Meta.Namespace(obj);
        return _objects.TryGetValue(storageKey, out var objects) && objects.TryGetValue(Key(ns.Length > 0 ? ns : null, Meta.Name(obj)), out var current) ? current : null;
    }
}

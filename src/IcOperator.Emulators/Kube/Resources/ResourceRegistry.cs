using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube.Resources;

/// <summary>The kinds being served: built-ins plus every served version of every established CRD.</summary>
internal sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly List<ResourceType> _builtIns = [.. BuiltInTypes.All];
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> _byCrd = new(StringComparer.Ordinal);

    /// <summary>Bumped on every change so cached documents (discovery, OpenAPI) know to rebuild.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<ResourceType> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _builtIns, .. _byCrd.Values.SelectMany(v => v)];
            }
        }
    }

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>All served versions of the kind stored under <paramref name="storageKey"/>.</summary>
    public IReadOnlyList<ResourceType> VersionsOf(string storageKey) => All.Where(t => t.StorageKey == storageKey).ToList();

    public void RegisterCrd(JsonObject crd)
    {
        var types = CrdReader.Read(crd);
        var name = crd["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
        lock (_gate)
        {
            _byCrd[name] = types;
            Revision++;
        }
    }

    public void RemoveCrd(string name)
    {
        lock (_gate)
        {
            if (_byCrd.Remove(name))
            {
                Revision++;
            }
        }
    }
}

using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Resources;

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>
/// Between what clients send and read and what is stored. Events are one kind stored once in the core/v1
/// shape and served also as events.k8s.io/v1, renamed field by field as the API server converts them, so
/// an event recorded through one API is listed (and shown by <c>kubectl describe</c>) through the other.
/// </summary>
internal static class Representation
{
    private static readonly (string Events, string Core)[] EventFields =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
        ("reportingController", "reportingComponent"),
    ];

    public static JsonObject ToClient(JsonObject stored, ResourceType type)
    {
        var copy = stored.DeepClone().AsObject();
        if (IsEventsApi(type))
        {
            Rename(copy, EventFields.Select(f => (f.Core, f.Events)));
        }

        copy["apiVersion"] = type.ApiVersion;
        copy["kind"] = type.Kind;
        return copy;
    }

    /// <summary>The stored shape of <paramref name="body"/> (changed in place and returned).</summary>
    public static JsonObject ToStorage(JsonObject body, ResourceType type)
    {
        if (IsEventsApi(type))
        {
            Rename(body, EventFields.Select(f => (f.Events, f.Core)));
        }

        return body;
    }

    /// <summary>The stored path a field selector names, e.g. <c>regarding.name</c> → <c>involvedObject.name</c>.</summary>
    public static string StoredPath(ResourceType type, string path)
    {
        if (!IsEventsApi(type))
        {
            return path;
        }

        foreach (var (events, core) in EventFields)
        {
            if (path == events || path.StartsWith(events + ".", StringComparison.Ordinal))
            {
                return core + path[events.Length..];
            }
        }

        return path;
    }

    private static bool IsEventsApi(ResourceType type) => type.Group == "events.k8s.io" && type.Kind == "Event";

    private static void Rename(JsonObject obj, IEnumerable<(string From, string To)> renames)
    {
        foreach (var (from, to) in renames)
        {
            if (obj.TryGetPropertyValue(from, out var value))
            {
                obj.Remove(from);
                obj[to] = value;
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube;

/// <summary>
/// API requests served, by Kubernetes verb (get, list, watch, create, update, patch, delete, deletecollection) and
/// resource (the plural, with <c>/status</c> for the subresource): what tests and the benchmark read to see polling.
/// </summary>
public sealed class KubeRequestCounter
{
    private readonly ConcurrentDictionary<(string Verb, string Resource), long> counts = new();

    /// <summary>Requests with <paramref name="verb"/> on <paramref name="resource"/> since start or the last <see cref="Reset"/>.</summary>
    public long this[string verb, string resource] => counts.GetValueOrDefault((verb, resource));

    /// <summary>Every (verb, resource) seen, with its count.</summary>
    public IReadOnlyDictionary<(string Verb, string Resource), long> Snapshot() => counts.ToDictionary(e => e.Key, e => e.Value);

    /// <summary>Requests with <paramref name="verb"/>, whatever the resource.</summary>
    public long Total(string verb) => counts.Where(e => e.Key.Verb == verb).Sum(e => e.Value);

    public void Reset() => counts.Clear();

    /// <summary>The counts as served on <c>/emulator/requests</c>: <c>[{"verb":…,"resource":…,"count":…}]</c>.</summary>
    public JsonArray ToJson() =>
        [.. Snapshot().OrderBy(e => e.Key.Resource, StringComparer.Ordinal).ThenBy(e => e.Key.Verb, StringComparer.Ordinal)
            .Select(e => (JsonNode)new JsonObject { ["verb"] = e.Key.Verb, ["resource"] = e.Key.Resource, ["count"] = e.Value })];

    internal void Count(string verb, string resource) => counts.AddOrUpdate((verb, resource), 1, (_, n) => n + 1);
}

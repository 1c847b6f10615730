using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>
/// One change as committed: the new object (for DELETED, the last state) and the object before, so a
/// filtered watch can tell an object entering or leaving its selector.
/// </summary>
internal sealed record WatchEvent(string Type, string StorageKey, long ResourceVersion, JsonObject Object, JsonObject? Previous);

using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>One page of a list: items in key order, the list's resourceVersion and the token for the next page.</summary>
internal sealed record ListPage(IReadOnlyList<JsonObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);

using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>The object as stored after a write, and warnings for the <c>Warning</c> header.</summary>
internal sealed record WriteResult(JsonObject Object, IReadOnlyList<string> Warnings, bool Created = false);

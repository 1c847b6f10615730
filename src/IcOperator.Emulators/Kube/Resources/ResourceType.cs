using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Kube.Resources;

/// <summary>
/// One kind the server serves, at one version: its names, scope, subresources and (for custom
/// resources) its structural schema and printer columns.
/// </summary>
internal sealed record ResourceType
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required string Kind { get; init; }

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public bool HasStatus { get; init; }

    /// <summary>Custom resources bump <c>generation</c>, return the deleted object and refuse unconditional updates.</summary>
    public bool IsCustom { get; init; }

    /// <summary>Whether objects carry <c>metadata.generation</c> (custom resources do; ConfigMaps and Secrets do not).</summary>
    public bool HasGeneration { get; init; }

    /// <summary>The version's <c>openAPIV3Schema</c>, or null when objects are accepted as they are.</summary>
    public JsonObject? Schema { get; init; }

    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>The storage key shared by all versions of one kind.</summary>
    public string StorageKey => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string GroupVersion => ApiVersion;

    public string ListKind => Kind + "List";
}

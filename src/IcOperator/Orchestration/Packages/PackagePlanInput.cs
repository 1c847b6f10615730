using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration.Packages;

/// <summary>Everything the package planner decides from: the package as stored and what was read just before.</summary>
internal sealed record PackagePlanInput
{
    public required string Name { get; init; }

    public required PackageInstallationSpec Spec { get; init; }

    public PackageInstallationStatus Status { get; init; } = new();

    public long Generation { get; init; } = 1;

    /// <summary>metadata.deletionTimestamp is set.</summary>
    public bool Deleting { get; init; }

    public DateTimeOffset Now { get; init; }

    public bool NetworkReady { get; init; }

    public string NetworkMessage { get; init; } = string.Empty;

    /// <summary>The operator's principal on the network (IcNetwork status.principal), for ${operator}.</summary>
    public string? OperatorPrincipal { get; init; }

    public IReadOnlyList<DependencyObservation> Dependencies { get; init; } = [];

    /// <summary>A dependsOn cycle through this package (a → b → a), or null.</summary>
    public IReadOnlyList<string>? DependencyCycle { get; init; }

    /// <summary>Per component name: its template version and argument checks.</summary>
    public IReadOnlyDictionary<string, ComponentReadiness> Templates { get; init; } = new Dictionary<string, ComponentReadiness>();

    /// <summary>The CanisterDeployments this package owns, by component name.</summary>
    public IReadOnlyDictionary<string, ObservedComponent> Children { get; init; } = new Dictionary<string, ObservedComponent>();
}

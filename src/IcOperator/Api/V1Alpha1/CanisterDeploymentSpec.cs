using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The canister a user wants: which module version, with which argument, settings and policies.</summary>
[Description("The canister wanted: which module version, with which argument, settings and policies.")]
public sealed record CanisterDeploymentSpec
{
    [Required]
    [Description("The IcNetwork to deploy to.")]
    public LocalObjectReference NetworkRef { get; init; } = new();

    [Required]
    [Description("The WasmTemplate version to run.")]
    public TemplateVersionReference Template { get; init; } = new();

    [MaxLength(63)]
    [RegularExpression(SchemaPatterns.OptionalPrincipal)]
    [Description("Empty: the operator creates a canister. Set: the operator adopts this existing canister (it must be one of its controllers unless managementPolicy is ObserveOnly).")]
    public string? CanisterId { get; init; }

    [DefaultObject]
    [Description("How a new canister is created.")]
    public CreateOptions Create { get; init; } = new();

    [PropertyCount(0, 1)]
    [DefaultObject]
    [Description("The install argument: at most one of arg (Candid text) or argHex (raw Candid bytes); none installs with the empty argument ().")]
    public InstallOptions Install { get; init; } = new();

    [DefaultObject]
    [Description("How an upgrade is done and what happens when it fails.")]
    public UpgradePolicy Upgrade { get; init; } = new();

    [Description("Canister settings: passed when the canister is created (those its cycles source takes), then kept from drifting; unset fields are left alone.")]
    public CanisterSettingsSpec? Settings { get; init; }

    [MaxLength(16)]
    [ListMap("name")]
    [Description("Update calls made after an install or upgrade (and its health check), in order, each once per deploy it is declared for; a rejected call fails the deploy (rolled back when the upgrade policy says so).")]
    public List<PostDeployCall>? PostDeploy { get; init; }

    [MaxLength(16)]
    [ListMap("name")]
    [Description("Update calls made, in order and once each, when this resource is deleted, before the deletion policy is applied.")]
    public List<PreDeleteCall>? PreDelete { get; init; }

    [Description("Load a snapshot into the canister once (stop, load, start); handled once per requestedAt value.")]
    public RestoreRequest? Restore { get; init; }

    [DefaultValue(2)]
    [Range(0, 10)]
    [Description("How many operator-taken snapshots to keep; older ones are deleted (the IC caps snapshots per canister).")]
    public int SnapshotRetention { get; init; } = 2;

    [DefaultValue(false)]
    [Description("Stop reconciling and leave the canister as it is.")]
    public bool Suspend { get; init; }

    [DefaultValue("Full")]
    [Description("Full: the operator creates, installs, upgrades and corrects drift. ObserveOnly: it only reads and reports, never changes the canister.")]
    public ManagementPolicy ManagementPolicy { get; init; } = ManagementPolicy.Full;

    [DefaultValue("Retain")]
    [Description("What deleting this resource does to the canister: Retain (nothing), Stop (stop it) or Delete (stop and delete it, burning its remaining cycles).")]
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.Retain;
}

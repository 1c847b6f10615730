using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The last install, upgrade or rollback: what it did and how far it got.</summary>
[Description("The last install, upgrade or rollback: what it did and how far it got.")]
public sealed record OperationRecord
{
    [Required]
    [Description("Install, Upgrade or Rollback.")]
    public OperationType Type { get; init; }

    [Description("The template version before the operation.")]
    public string? From { get; init; }

    [Description("The template version the operation moves to.")]
    public string? To { get; init; }

    [Description("The module hash before the operation, as read from the IC.")]
    public string? FromModuleHash { get; init; }

    [Description("The module hash the operation installs.")]
    public string? ToModuleHash { get; init; }

    [Description("The snapshot taken before the upgrade, recorded before the upgrade is installed.")]
    public string? SnapshotId { get; init; }

    [Description("The install, upgrade or snapshot request in flight; its outcome is read from the IC by request id after a restart.")]
    public RecordedCall? Call { get; init; }

    [Description("The last step that completed; a restarted operator resumes after it.")]
    public OperationStep Step { get; init; } = OperationStep.Started;

    [Description("When the operation started.")]
    public DateTimeOffset? StartedAt { get; init; }

    [Description("When the operation finished; unset while it runs.")]
    public DateTimeOffset? FinishedAt { get; init; }

    [Description("Succeeded, RolledBack or Failed; unset while the operation runs.")]
    public OperationResult? Result { get; init; }

    [Description("What happened, for people.")]
    public string? Message { get; init; }
}

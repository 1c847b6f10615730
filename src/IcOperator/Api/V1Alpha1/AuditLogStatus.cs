using System.ComponentModel;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The network's audit log as the operator found it.</summary>
[Description("The network's audit log as the operator found it.")]
public sealed record AuditLogStatus
{
    [Description("The log canister blocks are appended to; unset while a deployed log is being created.")]
    public string? CanisterId { get; init; }

    [Description("The CanisterDeployment that runs the log, when spec.auditLog.deploy is true.")]
    public string? Deployment { get; init; }

    [Description("The index of the log's last block when the network was last checked; unset while the log is empty.")]
    public long? LastBlockIndex { get; init; }
}

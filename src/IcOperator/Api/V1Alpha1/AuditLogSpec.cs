using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>The ICRC-3 log every orchestration step on this network is recorded in: deployed by the operator, or an existing one.</summary>
[PropertyCount(1, 1)]
[Description("The ICRC-3 audit log every orchestration step on this network is recorded in (ICRC-121 blocks): exactly one of deploy or canisterId.")]
public sealed record AuditLogSpec
{
    [Description("Deploy the operator's own log canister (through a CanisterDeployment named <network>-audit-log), with the operator as its only writer.")]
    public bool? Deploy { get; init; }

    [RegularExpression(SchemaPatterns.Principal)]
    [MaxLength(63)]
    [Description("An existing log canister running the operator's audit log module, with the operator's principal as its writer.")]
    public string? CanisterId { get; init; }
}

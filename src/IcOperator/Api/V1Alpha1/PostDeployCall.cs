using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>An update call made on the canister after an install or upgrade, before the deploy counts as done.</summary>
[Description("An update call made on the canister after an install or upgrade (and its health check), before the deploy counts as done. A rejected call fails the deploy.")]
public sealed record PostDeployCall
{
    [Required]
    [MaxLength(63)]
    [RegularExpression("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    [Description("Names the call in status and events.")]
    public string Name { get; init; } = string.Empty;

    [Required]
    [MaxLength(255)]
    [RegularExpression(SchemaPatterns.MethodName)]
    [Description("The update method to call.")]
    public string Method { get; init; } = string.Empty;

    [DefaultValue("()")]
    [MaxLength(65536)]
    [Description("The argument in Candid text; checked against the method's argument types (candid:service) before the deploy starts.")]
    public string Arg { get; init; } = "()";

    [DefaultValue("Install")]
    [Description("Install: once, after the first install. Upgrade: after every upgrade. EveryDeploy: after both.")]
    public CallTrigger When { get; init; } = CallTrigger.Install;
}

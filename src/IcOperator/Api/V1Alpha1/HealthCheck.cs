using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>A call that must reply as expected after an install or upgrade.</summary>
[Description("A call that must reply as expected after an install or upgrade.")]
public sealed record HealthCheck
{
    [Required]
    [MaxLength(255)]
    [RegularExpression(SchemaPatterns.MethodName)]
    [Description("The method to call, for example health.")]
    public string Method { get; init; } = string.Empty;

    [DefaultValue("query")]
    [Description("query or update.")]
    public HealthCheckCallKind Call { get; init; } = HealthCheckCallKind.Query;

    [DefaultValue("()")]
    [MaxLength(65536)]
    [Description("The argument, in Candid text.")]
    public string Arg { get; init; } = "()";

    [MaxLength(65536)]
    [Description("Candid text of the expected reply, for example (variant { ok }); omit to accept any reply.")]
    public string? Expect { get; init; }

    [DefaultValue("60s")]
    [RegularExpression(SchemaPatterns.Duration)]
    [Description("How long, from the start of the install or upgrade, the method may keep failing before the version counts as unhealthy.")]
    public string Timeout { get; init; } = "60s";
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>One update call the operator made, recorded before it was sent so that a restart never sends it twice.</summary>
[Description("One update call the operator made, recorded before it was sent so that a restart never sends it twice.")]
public sealed record CallRecord
{
    [Required]
    [Description("The call's name in the spec.")]
    public string Name { get; init; } = string.Empty;

    [Description("The method called.")]
    public string? Method { get; init; }

    [Description("The IC request id (hex), when the call was sent by request id; a restarted operator reads its status instead of sending again.")]
    public string? RequestId { get; init; }

    [Description("The request's ingress expiry; after it the IC forgets the request.")]
    public DateTimeOffset? IngressExpiry { get; init; }

    [Description("When the call was recorded, just before it was sent.")]
    public DateTimeOffset? SentAt { get; init; }

    [Description("When the outcome was recorded.")]
    public DateTimeOffset? FinishedAt { get; init; }

    [Description("Replied, Rejected or Unknown; unset while the call is in flight.")]
    public CallResult? Result { get; init; }

    [Description("The reply in Candid text, or why the call was rejected.")]
    public string? Message { get; init; }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>
/// An update call written to status before it was sent: after a restart the operator asks the IC what became of this
/// request (read_state of request_status) instead of sending the call again as a new request.
/// </summary>
[Description("An update call written to status before it was sent: after a restart the operator reads its outcome from the IC by request id instead of sending it again.")]
public sealed record RecordedCall
{
    [Required]
    [Description("The method called, e.g. install_code.")]
    public string Method { get; init; } = string.Empty;

    [Required]
    [Description("The canister called (aaaaa-aa for the management canister).")]
    public string CanisterId { get; init; } = string.Empty;

    [Required]
    [Description("The canister id the call was routed by; its status is read through the same subnet.")]
    public string EffectiveCanisterId { get; init; } = string.Empty;

    [Required]
    [Description("The request id, in hex.")]
    public string RequestId { get; init; } = string.Empty;

    [Required]
    [Description("After this instant the IC no longer accepts the request: unknown to the IC after it, the request never runs.")]
    public DateTimeOffset IngressExpiry { get; init; }
}

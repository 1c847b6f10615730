namespace IcOperator.Agent.Responses;

/// <summary>The IC's reject codes (spec "Reject codes").</summary>
public enum RejectCode
{
    SysFatal = 1,
    SysTransient = 2,
    DestinationInvalid = 3,
    CanisterReject = 4,
    CanisterError = 5,
    SysUnknown = 6,
}

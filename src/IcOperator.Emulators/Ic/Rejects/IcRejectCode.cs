namespace IcOperator.Emulators.Ic.Rejects;

/// <summary>The reject codes of the IC interface specification.</summary>
public enum IcRejectCode
{
    SysFatal = 1,
    SysTransient = 2,
    DestinationInvalid = 3,
    CanisterReject = 4,
    CanisterError = 5,
    SysUnknown = 6,
}

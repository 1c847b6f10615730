using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Ic.Faults;

/// <summary>A reject the emulator answers instead of executing a method.</summary>
public sealed record InjectedReject(IcRejectCode RejectCode, IcErrorCode ErrorCode, string Message);

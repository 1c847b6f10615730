using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// Raised inside a system API function to stop the message: a trap (<c>ic0.trap</c>, a bounds violation) or a
/// contract violation, with the replica's error code. The engine turns it into the message's reject.
/// </summary>
internal sealed class CanisterTrapException(string message, IcErrorCode code = IcErrorCode.CanisterTrapped) : Exception(message)
{
    public IcErrorCode Code { get; } = code;

    public static CanisterTrapException CalledTrap(string message) => new(message, IcErrorCode.CanisterCalledTrap);

    public static CanisterTrapException ContractViolation(string message) => new(message, IcErrorCode.CanisterContractViolation);
}

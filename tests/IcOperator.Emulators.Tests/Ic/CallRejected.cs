namespace IcOperator.Emulators.Tests.Ic;

/// <summary>A call the emulator answered with a reject.</summary>
internal sealed class CallRejected(int rejectCode, string errorCode, string message) : Exception($"{errorCode} ({rejectCode}): {message}")
{
    public int RejectCode { get; } = rejectCode;

    public string ErrorCode { get; } = errorCode;

    public string RejectMessage { get; } = message;
}

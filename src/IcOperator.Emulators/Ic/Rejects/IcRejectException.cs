namespace IcOperator.Emulators.Ic.Rejects;

/// <summary>A call the replica rejects: the reject code, the error code and the message it would send.</summary>
public sealed class IcRejectException : Exception
{
    public IcRejectException(IcRejectCode rejectCode, IcErrorCode errorCode, string message)
        : base(message)
    {
        RejectCode = rejectCode;
        ErrorCode = errorCode;
    }

    public IcRejectCode RejectCode { get; }

    public IcErrorCode ErrorCode { get; }

    public override string ToString() => $"{ErrorCode.ToWire()} (reject code {(int)RejectCode}): {Message}";
}

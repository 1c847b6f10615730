namespace IcOperator.Emulators.Ic.Rejects;

/// <summary>How error codes are written on the wire.</summary>
public static class IcErrorCodeText
{
    /// <summary><c>IC0512</c> for <see cref="IcErrorCode.CanisterInvalidController"/>.</summary>
    public static string ToWire(this IcErrorCode code) => $"IC{(int)code:D4}";
}

namespace IcOperator.Emulators.Ic.Http;

/// <summary>A request the HTTP endpoint refuses before execution, with the status code and plain-text message the replica sends.</summary>
internal sealed class HttpRefusal(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

using System.Net;

namespace IcOperator.Agent.Transport;

/// <summary>The replica answered with an HTTP error that retrying will not fix (or retries ran out).</summary>
public sealed class IcHttpException(string endpoint, HttpStatusCode? statusCode, string detail, Exception? inner = null)
    : Exception($"{endpoint}: {(statusCode is null ? "no response" : $"HTTP {(int)statusCode} {statusCode}")}: {detail}", inner)
{
    public string Endpoint { get; } = endpoint;

    public HttpStatusCode? StatusCode { get; } = statusCode;
}

using System.Net;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Client;

/// <summary>The server is throttling (429): wait <see cref="RetryAfter"/> before the next attempt.</summary>
public sealed class KubeTooManyRequestsException : KubeApiException
{
    public KubeTooManyRequestsException(string message, HttpStatusCode statusCode, V1Status? status, TimeSpan? retryAfter)
        : base(message, statusCode, status)
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan? RetryAfter { get; }
}

using System.Net;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Client;

/// <summary>The object changed since it was read: its resourceVersion or a precondition no longer matches (409).</summary>
public sealed class KubeConflictException : KubeApiException
{
    public KubeConflictException(string message, HttpStatusCode statusCode, V1Status? status)
        : base(message, statusCode, status)
    {
    }
}

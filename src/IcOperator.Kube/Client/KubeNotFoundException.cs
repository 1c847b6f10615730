using System.Net;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Client;

/// <summary>The object does not exist (404).</summary>
public sealed class KubeNotFoundException : KubeApiException
{
    public KubeNotFoundException(string message, HttpStatusCode statusCode, V1Status? status)
        : base(message, statusCode, status)
    {
    }
}

using System.Net;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Client;

/// <summary>The resourceVersion asked for is too old to serve (410 Gone / Expired): list again.</summary>
public sealed class KubeGoneException : KubeApiException
{
    public KubeGoneException(string message, HttpStatusCode statusCode, V1Status? status)
        : base(message, statusCode, status)
    {
    }
}

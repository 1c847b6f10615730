using System.Net;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Client;

/// <summary>An object with that name already exists (409 AlreadyExists).</summary>
public sealed class KubeAlreadyExistsException : KubeApiException
{
    public KubeAlreadyExistsException(string message, HttpStatusCode statusCode, V1Status? status)
        : base(message, statusCode, status)
    {
    }
}

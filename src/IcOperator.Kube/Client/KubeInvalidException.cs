using System.Net;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Client;

/// <summary>The object failed validation (422 Invalid); <see cref="Causes"/> name the fields at fault.</summary>
public sealed class KubeInvalidException : KubeApiException
{
    public KubeInvalidException(string message, HttpStatusCode statusCode, V1Status? status)
        : base(message, statusCode, status)
    {
        Causes = status?.Details?.Causes is { } causes ? [.. causes] : [];
    }

    public IReadOnlyList<V1StatusCause> Causes { get; }
}

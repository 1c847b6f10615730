using System.Net;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Client;

/// <summary>The API server refused a request; <see cref="Status"/> is its decoded meta/v1 Status when it sent one.</summary>
public class KubeApiException : Exception
{
    public KubeApiException(string message, HttpStatusCode statusCode, V1Status? status, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Status = status;
    }

    public HttpStatusCode StatusCode { get; }

    public V1Status? Status { get; }

    /// <summary>The Status reason (NotFound, Conflict, AlreadyExists, Invalid, Expired, Gone, …), or empty.</summary>
    public string Reason => Status?.Reason ?? string.Empty;
}

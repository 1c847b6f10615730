using System.Net;
using System.Text.Json;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Serialization;

namespace IcOperator.Kube.Client;

/// <summary>Turns an error response (status code, Status body, Retry-After) into the matching typed exception.</summary>
internal static class KubeApiErrors
{
    public static KubeApiException FromResponse(string verb, string path, HttpStatusCode code, string body, TimeSpan? retryAfterHeader)
    {
        var status = TryParseStatus(body);
        return FromStatus(verb, path, code, status, body, retryAfterHeader);
    }

    public static KubeApiException FromStatus(string verb, string path, HttpStatusCode code, V1Status? status, string? rawBody = null, TimeSpan? retryAfterHeader = null)
    {
        var reason = status?.Reason ?? string.Empty;
        var detail = status?.Message is { Length: > 0 } m ? m : Truncate(rawBody);
        var message = $"{verb} {path}: {(int)code} {(reason.Length > 0 ? reason : code.ToString())}" + (string.IsNullOrEmpty(detail) ? string.Empty : $": {detail}");
        if (status?.Details?.Causes is { Count: > 0 } causes)
        {
            message += " [" + string.Join("; ", causes.Select(c => $"{c.Field}: {c.Message}")) + "]";
        }

        return (code, reason) switch
        {
            (HttpStatusCode.NotFound, _) or (_, "NotFound") => new KubeNotFoundException(message, code, status),
            (_, "AlreadyExists") => new KubeAlreadyExistsException(message, code, status),
            (HttpStatusCode.Conflict, _) or (_, "Conflict") => new KubeConflictException(message, code, status),
            (HttpStatusCode.Gone, _) or (_, "Expired") or (_, "Gone") => new KubeGoneException(message, code, status),
            (HttpStatusCode.UnprocessableEntity, _) or (_, "Invalid") => new KubeInvalidException(message, code, status),
            (HttpStatusCode.TooManyRequests, _) or (_, "TooManyRequests") => new KubeTooManyRequestsException(
                message,
                code,
                status,
                retryAfterHeader ?? (status?.Details?.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null)),
            _ => new KubeApiException(message, code, status),
        };
    }

    public static V1Status? TryParseStatus(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            var status = JsonSerializer.Deserialize(body, KubeJsonContext.Default.V1Status);
            return status is { Kind: "Status" } or { Reason.Length: > 0 } or { Code: > 0 } ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string? body) =>
        string.IsNullOrWhiteSpace(body) ? string.Empty : body.Length <= 200 ? body.Trim() : body[..200].Trim() + "…";
}

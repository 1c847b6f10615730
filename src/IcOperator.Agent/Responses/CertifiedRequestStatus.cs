namespace IcOperator.Agent.Responses;

/// <summary>A request's status together with the certified time of the state it was read from.</summary>
public sealed record CertifiedRequestStatus(RequestStatus Status, DateTimeOffset CertifiedAt)
{
    /// <summary>
    /// The IC holds no status for the request and, by its own clock, the ingress expiry has passed: the request can no
    /// longer run. Either it never ran, or it ran so long ago that its status was pruned; only the state it would have
    /// changed tells which.
    /// </summary>
    public bool ExpiredWithoutStatus(DateTimeOffset ingressExpiry) => Status.Status == RequestStatus.Unknown && CertifiedAt > ingressExpiry;
}

namespace IcOperator.Agent.Certificates;

/// <summary>A certificate that failed verification; <see cref="Reason"/> says which check.</summary>
public sealed class CertificateVerificationException(CertificateRejection reason, string message) : Exception(message)
{
    public CertificateRejection Reason { get; } = reason;
}

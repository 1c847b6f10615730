using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IcOperator.Emulators.Kube.Tls;

/// <summary>
/// A CA for client certificates, as an API server's <c>--client-ca-file</c>: certificates it issues authenticate,
/// the certificate's CN being the user name and each O a group, as Kubernetes reads them.
/// </summary>
public sealed class ClientCertificateAuthority : IDisposable
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private readonly ECDsa key;
    private readonly TimeProvider time;

    public ClientCertificateAuthority(string name, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        this.time = time ?? TimeProvider.System;
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = this.time.GetUtcNow();
        Certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
    }

    /// <summary>The CA certificate (with its private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM, what an API server's <c>--client-ca-file</c> holds.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>A client certificate for <paramref name="user"/> in <paramref name="groups"/>, with its private key, both PEM.</summary>
    public IssuedClientCertificate Issue(string user, params string[] groups)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            subject.AddOrganizationName(group);
        }

        subject.AddCommonName(user);
        var request = new CertificateRequest(subject.Build(), clientKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuthentication], false));
        var now = time.GetUtcNow();
        using var certificate = request.Create(Certificate, now.AddMinutes(-5), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        return new IssuedClientCertificate(certificate.ExportCertificatePem() + "\n", clientKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>Whether <paramref name="presented"/> chains to this CA, is valid now and is meant for client authentication.</summary>
    public bool Accepts(X509Certificate2? presented)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        return chain.Build(presented);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        key.Dispose();
    }
}

namespace IcOperator.Emulators.Kube.Tls;

/// <summary>A client certificate and its private key, PEM: what a kubeconfig's <c>client-certificate-data</c> and <c>client-key-data</c> hold (base64).</summary>
public sealed record IssuedClientCertificate(string CertificatePem, string KeyPem);

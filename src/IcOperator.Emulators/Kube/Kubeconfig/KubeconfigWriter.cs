using IcOperator.Emulators.Kube.Tls;

namespace IcOperator.Emulators.Kube.Kubeconfig;

/// <summary>A kubeconfig with one cluster, user and context pointing at the emulator with its bearer token or a client certificate.</summary>
internal static class KubeconfigWriter
{
    /// <summary>The <c>user</c> block of a bearer token.</summary>
    public static string TokenUser(string token) => $"token: {Quote(token)}";

    /// <summary>The <c>user</c> block of a client certificate and key.</summary>
    public static string CertificateUser(IssuedClientCertificate client) =>
        $"client-certificate-data: {Base64(client.CertificatePem)}\n    client-key-data: {Base64(client.KeyPem)}";

    public static string Write(Uri server, string user, string? certificateAuthorityPem, string contextName, string? defaultNamespace)
    {
        var authority = certificateAuthorityPem is null
            ? string.Empty
            : $"\n    certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificateAuthorityPem))}";
        var ns = defaultNamespace is null ? string.Empty : $"\n    namespace: {Quote(defaultNamespace)}";
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {Quote(contextName)}
              cluster:
                server: {Quote(server.ToString().TrimEnd('/'))}{authority}
            users:
            - name: {Quote(contextName)}
              user:
                {user}
            contexts:
            - name: {Quote(contextName)}
              context:
                cluster: {Quote(contextName)}
                user: {Quote(contextName)}{ns}
            current-context: {Quote(contextName)}
            preferences: {"{}"}

            """;
    }

    private static string Base64(string pem) => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(pem));

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

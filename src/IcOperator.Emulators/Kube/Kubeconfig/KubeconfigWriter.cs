namespace IcOperator.Emulators.Kube.Kubeconfig;

/// <summary>A kubeconfig with one cluster, user and context pointing at the emulator with its bearer token.</summary>
internal static class KubeconfigWriter
{
    public static string Write(Uri server, string token, string? certificateAuthorityPem, string contextName, string? defaultNamespace)
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
                token: {Quote(token)}
            contexts:
            - name: {Quote(contextName)}
              context:
                cluster: {Quote(contextName)}
                user: {Quote(contextName)}{ns}
            current-context: {Quote(contextName)}
            preferences: {"{}"}

            """;
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

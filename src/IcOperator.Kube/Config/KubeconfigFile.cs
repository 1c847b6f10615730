using YamlDotNet.Serialization;

namespace IcOperator.Kube.Config;

/// <summary>The parts of a kubeconfig file this client reads.</summary>
internal sealed class KubeconfigFile
{
    [YamlMember(Alias = "current-context")]
    public string? CurrentContext { get; set; }

    [YamlMember(Alias = "clusters")]
    public List<Named<ClusterEntry>> Clusters { get; set; } = [];

    [YamlMember(Alias = "users")]
    public List<Named<UserEntry>> Users { get; set; } = [];

    [YamlMember(Alias = "contexts")]
    public List<Named<ContextEntry>> Contexts { get; set; } = [];

    internal sealed class Named<T>
        where T : class
    {
        [YamlMember(Alias = "name")]
        public string? Name { get; set; }

        [YamlMember(Alias = "cluster")]
        public T? Cluster { get; set; }

        [YamlMember(Alias = "user")]
        public T? User { get; set; }

        [YamlMember(Alias = "context")]
        public T? Context { get; set; }

        public T? Value => Cluster ?? User ?? Context;
    }

    internal sealed class ClusterEntry
    {
        [YamlMember(Alias = "server")]
        public string? Server { get; set; }

        [YamlMember(Alias = "certificate-authority")]
        public string? CertificateAuthority { get; set; }

        [YamlMember(Alias = "certificate-authority-data")]
        public string? CertificateAuthorityData { get; set; }

        [YamlMember(Alias = "insecure-skip-tls-verify")]
        public bool InsecureSkipTlsVerify { get; set; }

        [YamlMember(Alias = "tls-server-name")]
        public string? TlsServerName { get; set; }
    }

    internal sealed class UserEntry
    {
        [YamlMember(Alias = "token")]
        public string? Token { get; set; }

        [YamlMember(Alias = "tokenFile")]
        public string? TokenFile { get; set; }

        [YamlMember(Alias = "client-certificate")]
        public string? ClientCertificate { get; set; }

        [YamlMember(Alias = "client-certificate-data")]
        public string? ClientCertificateData { get; set; }

        [YamlMember(Alias = "client-key")]
        public string? ClientKey { get; set; }

        [YamlMember(Alias = "client-key-data")]
        public string? ClientKeyData { get; set; }

        [YamlMember(Alias = "username")]
        public string? Username { get; set; }

        [YamlMember(Alias = "password")]
        public string? Password { get; set; }

        [YamlMember(Alias = "exec")]
        public ExecEntry? Exec { get; set; }
    }

    internal sealed class ExecEntry
    {
        [YamlMember(Alias = "apiVersion")]
        public string? ApiVersion { get; set; }

        [YamlMember(Alias = "command")]
        public string? Command { get; set; }

        [YamlMember(Alias = "args")]
        public List<string>? Args { get; set; }

        [YamlMember(Alias = "env")]
        public List<EnvEntry>? Env { get; set; }
    }

    internal sealed class EnvEntry
    {
        [YamlMember(Alias = "name")]
        public string? Name { get; set; }

        [YamlMember(Alias = "value")]
        public string? Value { get; set; }
    }

    internal sealed class ContextEntry
    {
        [YamlMember(Alias = "cluster")]
        public string? Cluster { get; set; }

        [YamlMember(Alias = "user")]
        public string? User { get; set; }

        [YamlMember(Alias = "namespace")]
        public string? Namespace { get; set; }
    }
}

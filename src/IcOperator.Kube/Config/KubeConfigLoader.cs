using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace IcOperator.Kube.Config;

/// <summary>Builds <see cref="KubeClientSettings"/> from the pod's service account or from a kubeconfig.</summary>
public static class KubeConfigLoader
{
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>In cluster when the service account and KUBERNETES_SERVICE_HOST are present; otherwise $KUBECONFIG or ~/.kube/config.</summary>
    public static KubeClientSettings Default(TimeProvider? clock = null)
    {
        if (IsInCluster())
        {
            return InCluster(clock: clock);
        }

        var path = Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } env
            ? env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[0]
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return FromKubeconfigFile(path, clock: clock);
    }

    public static bool IsInCluster(string serviceAccountDirectory = ServiceAccountDirectory) =>
        Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is { Length: > 0 }
        && File.Exists(Path.Combine(serviceAccountDirectory, "token"));

    /// <summary>The pod's service account: token (re-read as the kubelet rotates it), CA and namespace.</summary>
    public static KubeClientSettings InCluster(string serviceAccountDirectory = ServiceAccountDirectory, TimeProvider? clock = null)
    {
        var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new InvalidOperationException("not in a cluster: expected KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT to be set");
        }

        var tokenPath = Path.Combine(serviceAccountDirectory, "token");
        if (!File.Exists(tokenPath))
        {
            throw new InvalidOperationException($"not in a cluster: expected a service account token at {tokenPath}");
        }

        var caPath = Path.Combine(serviceAccountDirectory, "ca.crt");
        var namespacePath = Path.Combine(serviceAccountDirectory, "namespace");

        // An IPv6 service host needs brackets in a URL.
        var authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return new KubeClientSettings
        {
            Server = new Uri($"https://{authority}:{port}"),
            Token = new TokenFileSource(tokenPath, clock ?? TimeProvider.System),
            CertificateAuthorities = File.Exists(caPath) ? LoadPemCertificates(File.ReadAllText(caPath), caPath) : null,
            DefaultNamespace = File.Exists(namespacePath) ? File.ReadAllText(namespacePath).Trim() : "default",
        };
    }

    public static KubeClientSettings FromKubeconfigFile(string path, string? context = null, TimeProvider? clock = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"kubeconfig {path} does not exist", path);
        }

        return FromKubeconfigYaml(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", context, clock);
    }

    /// <summary>Reads kubeconfig text; relative file paths in it are resolved against <paramref name="baseDirectory"/>.</summary>
    public static KubeClientSettings FromKubeconfigYaml(string yaml, string baseDirectory, string? context = null, TimeProvider? clock = null)
    {
        KubeconfigFile file;
        try
        {
            file = new DeserializerBuilder().IgnoreUnmatchedProperties().Build().Deserialize<KubeconfigFile>(yaml)
                ?? throw new InvalidOperationException("kubeconfig is empty");
        }
        catch (YamlException e)
        {
            throw new InvalidOperationException($"kubeconfig is not valid YAML at line {e.Start.Line}: {e.Message}", e);
        }

        var contextName = context ?? file.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new InvalidOperationException("kubeconfig has no current-context and none was given");
        }

        var ctx = Find(file.Contexts, contextName, "context");
        var clusterName = ctx.Cluster ?? throw new InvalidOperationException($"kubeconfig context '{contextName}' names no cluster");
        var cluster = Find(file.Clusters, clusterName, "cluster");
        var user = ctx.User is { Length: > 0 } userName ? Find(file.Users, userName, "user") : new KubeconfigFile.UserEntry();

        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server))
        {
            throw new InvalidOperationException($"kubeconfig cluster '{clusterName}': expected an absolute server URL, found '{cluster.Server}'");
        }

        return new KubeClientSettings
        {
            Server = server,
            DefaultNamespace = ctx.Namespace is { Length: > 0 } ns ? ns : "default",
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            CertificateAuthorities = LoadCertificateAuthorities(cluster, baseDirectory, clusterName),
            ClientCertificate = LoadClientCertificate(user, baseDirectory, ctx.User ?? string.Empty),
            Token = TokenSourceFor(user, baseDirectory, clock ?? TimeProvider.System),
            BasicAuth = user.Username is { Length: > 0 } name ? (name, user.Password ?? string.Empty) : null,
        };
    }

    private static T Find<T>(List<KubeconfigFile.Named<T>> entries, string name, string what)
        where T : class
        => entries.FirstOrDefault(e => e.Name == name)?.Value
            ?? throw new InvalidOperationException(
                $"kubeconfig has no {what} named '{name}' (found: {string.Join(", ", entries.Select(e => e.Name))})");

    private static IBearerTokenSource? TokenSourceFor(KubeconfigFile.UserEntry user, string baseDirectory, TimeProvider clock)
    {
        if (user.Exec is { } exec)
        {
            if (string.IsNullOrEmpty(exec.Command))
            {
                throw new InvalidOperationException("kubeconfig user exec: expected a command");
            }

            return new ExecCredentialSource(
                new ExecPluginConfig
                {
                    Command = exec.Command,
                    Args = exec.Args ?? [],
                    Env = (exec.Env ?? []).Where(e => e.Name is not null).ToDictionary(e => e.Name!, e => e.Value ?? string.Empty),
                    ApiVersion = exec.ApiVersion ?? "client.authentication.k8s.io/v1beta1",
                    WorkingDirectory = baseDirectory,
                },
                clock);
        }

        if (user.Token is { Length: > 0 } token)
        {
            return new StaticTokenSource(token);
        }

        return user.TokenFile is { Length: > 0 } tokenFile ? new TokenFileSource(Resolve(baseDirectory, tokenFile), clock) : null;
    }

    private static X509Certificate2Collection? LoadCertificateAuthorities(KubeconfigFile.ClusterEntry cluster, string baseDirectory, string clusterName)
    {
        if (cluster.CertificateAuthorityData is { Length: > 0 } data)
        {
            return LoadPemCertificates(DecodeBase64(data, $"cluster '{clusterName}' certificate-authority-data"), $"cluster '{clusterName}' certificate-authority-data");
        }

        if (cluster.CertificateAuthority is { Length: > 0 } file)
        {
            var path = Resolve(baseDirectory, file);
            return LoadPemCertificates(File.ReadAllText(path), path);
        }

        return null;
    }

    private static X509Certificate2? LoadClientCertificate(KubeconfigFile.UserEntry user, string baseDirectory, string userName)
    {
        var certificate = user.ClientCertificateData is { Length: > 0 } certData
            ? DecodeBase64(certData, $"user '{userName}' client-certificate-data")
            : user.ClientCertificate is { Length: > 0 } certFile ? File.ReadAllText(Resolve(baseDirectory, certFile)) : null;
        var key = user.ClientKeyData is { Length: > 0 } keyData
            ? DecodeBase64(keyData, $"user '{userName}' client-key-data")
            : user.ClientKey is { Length: > 0 } keyFile ? File.ReadAllText(Resolve(baseDirectory, keyFile)) : null;
        if (certificate is null && key is null)
        {
            return null;
        }

        if (certificate is null || key is null)
        {
            throw new InvalidOperationException($"kubeconfig user '{userName}': expected both a client certificate and its key, found only the {(certificate is null ? "key" : "certificate")}");
        }

        try
        {
            return X509Certificate2.CreateFromPem(certificate, key);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            // The message names the user, never the key material.
            throw new InvalidOperationException($"kubeconfig user '{userName}': client certificate and key are not a valid PEM pair", e);
        }
    }

    internal static X509Certificate2Collection LoadPemCertificates(string pem, string source)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"{source}: expected PEM certificates", e);
        }

        if (collection.Count == 0)
        {
            throw new InvalidOperationException($"{source}: expected at least one PEM certificate, found none");
        }

        return collection;
    }

    private static string DecodeBase64(string data, string what)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(data));
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"kubeconfig {what}: expected base64", e);
        }
    }

    private static string Resolve(string baseDirectory, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}

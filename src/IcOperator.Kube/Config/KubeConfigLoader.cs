using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s.Authentication;
using k8s.Exceptions;

namespace IcOperator.Kube.Config;

/// <summary>
/// Chooses where the client's configuration comes from, as client-go does; building it from a kubeconfig, exec
/// plugins (tokens or client certificates), client certificates and service-account tokens is the official
/// client's (<see cref="KubernetesClientConfiguration"/>); the files are read by <see cref="KubeconfigFiles"/>.
/// </summary>
public static class KubeConfigLoader
{
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>
    /// <c>$KUBECONFIG</c> (every file in it, merged, first occurrence wins) when set; otherwise the pod's
    /// service account when in a cluster; otherwise <c>~/.kube/config</c>.
    /// </summary>
    public static KubernetesClientConfiguration Default()
    {
        if (Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } paths)
        {
            var files = paths.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => KubeconfigFiles.Read(p.Trim('"'))).ToList();
            return Describe(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFiles.Merge(files)), "$KUBECONFIG");
        }

        if (IsInCluster())
        {
            return InCluster();
        }

        return FromKubeconfigFile(KubernetesClientConfiguration.KubeConfigDefaultLocation);
    }

    public static bool IsInCluster(string serviceAccountDirectory = ServiceAccountDirectory) =>
        Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is { Length: > 0 }
        && Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT") is { Length: > 0 }
        && File.Exists(Path.Combine(serviceAccountDirectory, "token"))
        && File.Exists(Path.Combine(serviceAccountDirectory, "ca.crt"));

    /// <summary>
    /// The pod's service account: the token file (re-read every minute, as the kubelet rotates it), the CA
    /// and the namespace. The same as <see cref="KubernetesClientConfiguration.InClusterConfig"/>, but the
    /// directory can be named.
    /// </summary>
    public static KubernetesClientConfiguration InCluster(string serviceAccountDirectory = ServiceAccountDirectory)
    {
        var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new InvalidOperationException("not in a cluster: expected KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT to be set");
        }

        if (!int.TryParse(port, out var portNumber) || portNumber is <= 0 or > 65535)
        {
            throw new InvalidOperationException($"KUBERNETES_SERVICE_PORT: expected a TCP port, found '{port}'");
        }

        var tokenPath = Path.Combine(serviceAccountDirectory, "token");
        var caPath = Path.Combine(serviceAccountDirectory, "ca.crt");
        foreach (var required in new[] { tokenPath, caPath })
        {
            if (!File.Exists(required))
            {
                throw new InvalidOperationException($"not in a cluster: expected the service account's {Path.GetFileName(required)} at {required}");
            }
        }

        var namespacePath = Path.Combine(serviceAccountDirectory, "namespace");
        return new KubernetesClientConfiguration
        {
            // UriBuilder brackets an IPv6 service host.
            Host = new UriBuilder("https", host, portNumber).ToString(),
            TokenProvider = new TokenFileAuth(tokenPath),
            SslCaCerts = LoadCertificates(caPath),
            Namespace = File.Exists(namespacePath) ? File.ReadAllText(namespacePath).Trim() : null,
        };
    }

    /// <summary>One kubeconfig file (<c>--kubeconfig</c>); relative paths in it are relative to the file.</summary>
    public static KubernetesClientConfiguration FromKubeconfigFile(string path, string? context = null)
    {
        var file = KubeconfigFiles.Read(path);
        return Describe(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(file, context), path);
    }

    /// <summary>Kubeconfig text, e.g. an emulator's; file paths in it must be absolute.</summary>
    public static KubernetesClientConfiguration FromKubeconfigYaml(string yaml, string? context = null)
    {
        var parsed = KubeconfigFiles.Parse(yaml, "kubeconfig");
        return Describe(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(parsed, context), "kubeconfig");
    }

    /// <summary>The namespace a client uses when a namespaced object names none.</summary>
    public static string DefaultNamespace(this KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.Namespace is { Length: > 0 } ns ? ns : "default";
    }

    private static X509Certificate2Collection LoadCertificates(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{path}: expected PEM certificates", e);
        }

        return certificates.Count > 0 ? certificates : throw new InvalidOperationException($"{path}: expected at least one PEM certificate, found none");
    }

    private static KubernetesClientConfiguration Describe(Func<KubernetesClientConfiguration> build, string source)
    {
        try
        {
            return build();
        }
        catch (KubeConfigException e)
        {
            // The library's message names the context, cluster or user; say which file it came from.
            throw new InvalidOperationException($"{source}: {e.Message}", e);
        }
    }
}

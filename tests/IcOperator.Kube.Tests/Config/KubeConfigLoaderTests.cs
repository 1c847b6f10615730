using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IcOperator.Kube.Config;
using IcOperator.Kube.Tests.Fakes;
using k8s.Authentication;

namespace IcOperator.Kube.Tests.Config;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class KubeConfigLoaderTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (string CertPem, string KeyPem) SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static string Kubeconfig(string user, string cluster = "server: https://10.0.0.1:6443", string current = "dev") => $"""
        apiVersion: v1
        kind: Config
        current-context: {current}
        extensions: []
        clusters:
        - name: dev-cluster
          cluster:
            {cluster}
        - name: prod-cluster
          cluster:
            server: https://prod.example.org
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: dev-user
            namespace: canisters
        - name: prod
          context:
            cluster: prod-cluster
            user: dev-user
        users:
        - name: dev-user
          user:
            {user}
        """;

    [Fact]
    public void The_current_context_chooses_server_namespace_and_user()
    {
        var configuration = KubeConfigLoader.FromKubeconfigYaml(Kubeconfig("token: abc.def"));

        configuration.Host.Should().Be("https://10.0.0.1:6443");
        configuration.DefaultNamespace().Should().Be("canisters");
        configuration.AccessToken.Should().Be("abc.def");
    }

    [Fact]
    public void A_named_context_overrides_the_current_one_and_a_context_without_namespace_uses_default()
    {
        var configuration = KubeConfigLoader.FromKubeconfigYaml(Kubeconfig("token: t"), context: "prod");

        configuration.Host.Should().Be("https://prod.example.org");
        configuration.DefaultNamespace().Should().Be("default");
        FluentActions.Invoking(() => KubeConfigLoader.FromKubeconfigYaml(Kubeconfig("token: t"), context: "staging"))
            .Should().Throw<InvalidOperationException>().WithMessage("kubeconfig: *staging*");
    }

    [Fact]
    public void Several_kubeconfig_files_merge_with_the_first_occurrence_winning()
    {
        var first = Path.Combine(dir, "first.yaml");
        var second = Path.Combine(dir, "second.yaml");
        File.WriteAllText(first, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: dev-cluster
              cluster:
                server: https://first.example.org
            users:
            - name: dev-user
              user:
                token: from-first
            """);
        File.WriteAllText(second, Kubeconfig("token: from-second"));
        Environment.SetEnvironmentVariable("KUBECONFIG", $"{first}{Path.PathSeparator}{second}");
        try
        {
            var configuration = KubeConfigLoader.Default();

            configuration.Host.Should().Be("https://first.example.org", "dev-cluster is named in both files and the first wins");
            configuration.AccessToken.Should().Be("from-first");
            configuration.DefaultNamespace().Should().Be("canisters", "the current context and its namespace come from the second file, the only one that sets them");
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", null);
        }
    }

    [Fact]
    public void Relative_certificate_paths_are_relative_to_the_kubeconfig_file()
    {
        var (certPem, keyPem) = SelfSigned("operator");
        var certs = Directory.CreateDirectory(Path.Combine(dir, "certs")).FullName;
        File.WriteAllText(Path.Combine(certs, "client.crt"), certPem);
        File.WriteAllText(Path.Combine(certs, "client.key"), keyPem);
        var path = Path.Combine(dir, "config");
        File.WriteAllText(path, Kubeconfig("client-certificate: certs/client.crt\n    client-key: certs/client.key"));

        var configuration = KubeConfigLoader.FromKubeconfigFile(path);

        configuration.ClientCertificateFilePath.Should().Be(Path.Combine(certs, "client.crt"));
        configuration.ClientKeyFilePath.Should().Be(Path.Combine(certs, "client.key"));
    }

    [Fact]
    public void A_kubeconfig_that_is_not_yaml_is_refused_with_its_source()
    {
        FluentActions.Invoking(() => KubeConfigLoader.FromKubeconfigYaml("clusters: [unclosed"))
            .Should().Throw<InvalidOperationException>().WithMessage("kubeconfig: expected a kubeconfig (YAML)*");
    }

    [Fact]
    public void A_missing_kubeconfig_file_is_named()
    {
        var path = Path.Combine(dir, "absent.yaml");

        FluentActions.Invoking(() => KubeConfigLoader.FromKubeconfigFile(path))
            .Should().Throw<FileNotFoundException>().WithMessage($"*{path}*");
    }

    [Fact]
    public void In_cluster_reads_the_service_account_and_service_environment()
    {
        var sa = Directory.CreateDirectory(Path.Combine(dir, "sa")).FullName;
        File.WriteAllText(Path.Combine(sa, "token"), "sa-token");
        File.WriteAllText(Path.Combine(sa, "ca.crt"), SelfSigned("cluster-ca").CertPem);
        File.WriteAllText(Path.Combine(sa, "namespace"), "ic-operator-system\n");
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", "fd00::1");
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", "6443");
        try
        {
            var configuration = KubeConfigLoader.InCluster(sa);
            new Uri(configuration.Host).Should().Be(new Uri("https://[fd00::1]:6443"));
            configuration.DefaultNamespace().Should().Be("ic-operator-system");
            configuration.SslCaCerts.Should().ContainSingle().Which.Subject.Should().Be("CN=cluster-ca");
            configuration.TokenProvider.Should().BeOfType<TokenFileAuth>("the kubelet rotates the token file; the library re-reads it");
            KubeConfigLoader.IsInCluster(sa).Should().BeTrue();
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", null);
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", null);
        }

        KubeConfigLoader.IsInCluster(sa).Should().BeFalse();
        FluentActions.Invoking(() => KubeConfigLoader.InCluster(sa)).Should().Throw<InvalidOperationException>().WithMessage("*KUBERNETES_SERVICE_HOST*");
    }
}

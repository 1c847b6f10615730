using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IcOperator.Kube.Config;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Config;

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

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

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
    public async Task Token_user_in_the_current_context_with_its_namespace()
    {
        var settings = KubeConfigLoader.FromKubeconfigYaml(Kubeconfig("token: abc.def"), dir);

        settings.Server.Should().Be(new Uri("https://10.0.0.1:6443"));
        settings.DefaultNamespace.Should().Be("canisters");
        (await settings.Token!.GetTokenAsync(CancellationToken.None)).Should().Be("abc.def");
        settings.ToString().Should().NotContain("abc.def", "tokens never reach logs");
    }

    [Fact]
    public void An_explicit_context_overrides_current_context_and_a_missing_one_is_named()
    {
        var settings = KubeConfigLoader.FromKubeconfigYaml(Kubeconfig("token: t"), dir, context: "prod");
        settings.Server.Host.Should().Be("prod.example.org");
        settings.DefaultNamespace.Should().Be("default");

        FluentActions.Invoking(() => KubeConfigLoader.FromKubeconfigYaml(Kubeconfig("token: t"), dir, context: "staging"))
            .Should().Throw<InvalidOperationException>().WithMessage("*no context named 'staging'*dev, prod*");
    }

    [Fact]
    public void Client_certificate_and_CA_from_inline_data()
    {
        var (caPem, _) = SelfSigned("kube-ca");
        var (certPem, keyPem) = SelfSigned("system:admin");
        var settings = KubeConfigLoader.FromKubeconfigYaml(
            Kubeconfig(
                $"client-certificate-data: {B64(certPem)}\n    client-key-data: {B64(keyPem)}",
                $"server: https://10.0.0.1:6443\n    certificate-authority-data: {B64(caPem)}\n    tls-server-name: kubernetes"),
            dir);

        settings.ClientCertificate!.Subject.Should().Be("CN=system:admin");
        settings.ClientCertificate.HasPrivateKey.Should().BeTrue();
        settings.CertificateAuthorities!.Single().Subject.Should().Be("CN=kube-ca");
        settings.TlsServerName.Should().Be("kubernetes");
        settings.Token.Should().BeNull();
    }

    [Fact]
    public void Client_certificate_and_CA_from_files_relative_to_the_kubeconfig()
    {
        var (caPem, _) = SelfSigned("file-ca");
        var (certPem, keyPem) = SelfSigned("file-user");
        File.WriteAllText(Path.Combine(dir, "ca.crt"), caPem);
        File.WriteAllText(Path.Combine(dir, "client.crt"), certPem);
        File.WriteAllText(Path.Combine(dir, "client.key"), keyPem);
        var path = Path.Combine(dir, "config");
        File.WriteAllText(path, Kubeconfig("client-certificate: client.crt\n    client-key: client.key", "server: https://10.0.0.1:6443\n    certificate-authority: ca.crt"));

        var settings = KubeConfigLoader.FromKubeconfigFile(path);
        settings.ClientCertificate!.Subject.Should().Be("CN=file-user");
        settings.CertificateAuthorities!.Single().Subject.Should().Be("CN=file-ca");
    }

    [Fact]
    public void A_certificate_without_its_key_is_refused_naming_the_user()
    {
        var (certPem, _) = SelfSigned("half");
        FluentActions.Invoking(() => KubeConfigLoader.FromKubeconfigYaml(Kubeconfig($"client-certificate-data: {B64(certPem)}"), dir))
            .Should().Throw<InvalidOperationException>().WithMessage("*user 'dev-user'*only the certificate*");
    }

    [Fact]
    public void Insecure_skip_tls_verify_is_read()
    {
        var settings = KubeConfigLoader.FromKubeconfigYaml(Kubeconfig("token: t", "server: https://127.0.0.1:6443\n    insecure-skip-tls-verify: true"), dir);
        settings.InsecureSkipTlsVerify.Should().BeTrue();
    }

    [Fact]
    public async Task Token_file_is_read_again_after_the_kubelet_rotates_it()
    {
        var clock = new ManualClock();
        var tokenPath = Path.Combine(dir, "token");
        File.WriteAllText(tokenPath, "first\n");
        var settings = KubeConfigLoader.FromKubeconfigYaml(Kubeconfig($"tokenFile: {tokenPath}"), dir, clock: clock);
        (await settings.Token!.GetTokenAsync(CancellationToken.None)).Should().Be("first");

        File.WriteAllText(tokenPath, "second");
        File.SetLastWriteTimeUtc(tokenPath, DateTime.UtcNow.AddMinutes(1));
        (await settings.Token.GetTokenAsync(CancellationToken.None)).Should().Be("second", "a changed file is noticed at once");

        File.WriteAllText(tokenPath, "third");
        File.SetLastWriteTimeUtc(tokenPath, DateTime.UtcNow.AddMinutes(1));
        clock.Advance(TimeSpan.FromMinutes(1));
        (await settings.Token.GetTokenAsync(CancellationToken.None)).Should().Be("third", "and re-read every minute regardless");
    }

    [Fact]
    public async Task Exec_plugin_tokens_are_cached_until_they_expire()
    {
        var clock = new ManualClock();
        var counter = Path.Combine(dir, "runs");
        var plugin = Path.Combine(dir, "get-token.sh");
        File.WriteAllText(plugin, $$$"""
            #!/bin/sh
            echo run >> "{{{counter}}}"
            n=$(wc -l < "{{{counter}}}" | tr -d ' ')
            test "$CLUSTER_REGION" = "eu-west-1" || { echo "missing env" >&2; exit 2; }
            echo "$KUBERNETES_EXEC_INFO" | grep -q '"interactive":false' || { echo "missing exec info" >&2; exit 3; }
            cat <<JSON
            {"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"tok-$n-$1","expirationTimestamp":"2026-11-20T12:15:00Z"}}
            JSON
            """);
        MakeExecutable(plugin);
        var settings = KubeConfigLoader.FromKubeconfigYaml(
            Kubeconfig("exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ./get-token.sh\n      args: [eks]\n      env:\n      - name: CLUSTER_REGION\n        value: eu-west-1"),
            dir,
            clock: clock);

        (await settings.Token!.GetTokenAsync(CancellationToken.None)).Should().Be("tok-1-eks");
        clock.Advance(TimeSpan.FromMinutes(10));
        (await settings.Token.GetTokenAsync(CancellationToken.None)).Should().Be("tok-1-eks", "still valid for five minutes");

        clock.Advance(TimeSpan.FromMinutes(5));
        (await settings.Token.GetTokenAsync(CancellationToken.None)).Should().Be("tok-2-eks", "expired: the plugin runs again");

        settings.Token.Invalidate();
        (await settings.Token.GetTokenAsync(CancellationToken.None)).Should().Be("tok-3-eks", "a 401 forces a new token");
        File.ReadAllLines(counter).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_failing_exec_plugin_reports_its_exit_code_and_stderr()
    {
        var plugin = Path.Combine(dir, "broken.sh");
        File.WriteAllText(plugin, "#!/bin/sh\necho 'no SSO session' >&2\nexit 4\n");
        MakeExecutable(plugin);
        var settings = KubeConfigLoader.FromKubeconfigYaml(Kubeconfig($"exec:\n      command: {plugin}"), dir);

        await FluentActions.Awaiting(async () => await settings.Token!.GetTokenAsync(CancellationToken.None))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*exited with 4: no SSO session*");
    }

    [Fact]
    public void In_cluster_reads_the_service_account_and_service_environment()
    {
        var sa = Directory.CreateDirectory(Path.Combine(dir, "sa")).FullName;
        File.WriteAllText(Path.Combine(sa, "token"), "sa-token");
        File.WriteAllText(Path.Combine(sa, "ca.crt"), SelfSigned("cluster-ca").CertPem);
        File.WriteAllText(Path.Combine(sa, "namespace"), "ic-operator-system\n");
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", "fd00::1");
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", "443");
        try
        {
            var settings = KubeConfigLoader.InCluster(sa);
            settings.Server.Should().Be(new Uri("https://[fd00::1]:443"));
            settings.DefaultNamespace.Should().Be("ic-operator-system");
            settings.CertificateAuthorities!.Single().Subject.Should().Be("CN=cluster-ca");
            settings.Token.Should().BeOfType<TokenFileSource>().Which.Path.Should().Be(Path.Combine(sa, "token"));
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

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Tests.Integration;

public sealed class TlsIntegrationTests
{
    private static X509Certificate2Collection UnrelatedRoot()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=someone-else", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return [X509CertificateLoader.LoadCertificate(cert.Export(X509ContentType.Cert))];
    }

    [Fact]
    public async Task A_server_not_signed_by_the_kubeconfig_CA_is_refused_unless_verification_is_skipped()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        KubernetesClientConfiguration Trusted() => KubeConfigLoader.FromKubeconfigYaml(cluster.Emulator.Kubeconfig());

        var wrongCaConfiguration = Trusted();
        wrongCaConfiguration.SslCaCerts = UnrelatedRoot();
        using (var wrongCa = KubeClientFactory.Create(wrongCaConfiguration))
        {
            await FluentActions.Awaiting(() => wrongCa.ListAsync(CoreResources.Namespaces)).Should().ThrowAsync<HttpRequestException>();
        }

        var insecureConfiguration = Trusted();
        insecureConfiguration.SslCaCerts = UnrelatedRoot();
        insecureConfiguration.SkipTlsVerify = true;
        using (var insecure = KubeClientFactory.Create(insecureConfiguration))
        {
            (await insecure.ListAsync(CoreResources.Namespaces)).Items.Select(n => n.Metadata.Name).Should().Contain("default");
        }

        using var right = KubeClientFactory.Create(Trusted());
        (await right.ListAsync(CoreResources.Namespaces)).Items.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_wrong_token_is_Unauthorized()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var configuration = KubeConfigLoader.FromKubeconfigYaml(cluster.Emulator.Kubeconfig());
        configuration.AccessToken = "not-the-token";
        using var client = KubeClientFactory.Create(configuration);

        var error = await FluentActions.Awaiting(() => client.ListAsync(CoreResources.Namespaces)).Should().ThrowAsync<KubeApiException>();
        error.Which.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        error.Which.Message.Should().NotContain("not-the-token");
    }
}

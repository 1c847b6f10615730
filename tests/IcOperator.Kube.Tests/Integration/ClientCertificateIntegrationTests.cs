using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube;
using IcOperator.Emulators.Kube.Tls;
using IcOperator.Kube.Client;
using IcOperator.Kube.Config;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Integration;

/// <summary>Authentication the official client does for us, against an emulator that checks it as an API server does.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ClientCertificateIntegrationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("client-cert-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_kubeconfig_with_a_client_certificate_signed_by_the_cluster_CA_authenticates()
    {
        await using var kube = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { RequireClientCertificate = true });
        var yaml = kube.Kubeconfig(kube.ClientAuthority!.Issue("alice", "operators"));
        yaml.Should().Contain("client-certificate-data:").And.Contain("client-key-data:").And.NotContain("token:");

        using var client = KubeClientFactory.Create(KubeConfigLoader.FromKubeconfigYaml(yaml));

        (await client.ListAsync(CoreResources.Namespaces)).Items.Select(n => n.Metadata.Name).Should().Contain("default");
        kube.Requests["list", "namespaces"].Should().Be(1);
    }

    [Fact]
    public async Task An_exec_plugin_that_returns_a_client_certificate_authenticates()
    {
        await using var kube = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { RequireClientCertificate = true });
        var issued = kube.ClientAuthority!.Issue("exec-user");
        var credential = new JsonObject
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1",
            ["kind"] = "ExecCredential",
            ["status"] = new JsonObject { ["clientCertificateData"] = issued.CertificatePem, ["clientKeyData"] = issued.KeyPem },
        };
        var credentialFile = Path.Combine(directory, "credential.json");
        File.WriteAllText(credentialFile, credential.ToJsonString());
        var plugin = Path.Combine(directory, "plugin.sh");
        File.WriteAllText(plugin, $"#!/bin/sh\ncat '{credentialFile}'\n");

        using var client = KubeClientFactory.Create(KubeConfigLoader.FromKubeconfigYaml(ExecKubeconfig(kube, plugin)));

        (await client.ListAsync(CoreResources.Namespaces)).Items.Should().NotBeEmpty();
        kube.Requests["list", "namespaces"].Should().Be(1);
    }

    [Fact]
    public async Task A_certificate_from_another_CA_or_none_at_all_is_Unauthorized()
    {
        await using var kube = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { RequireClientCertificate = true });
        using var elsewhere = new ClientCertificateAuthority("someone-elses-ca");

        using var foreign = KubeClientFactory.Create(KubeConfigLoader.FromKubeconfigYaml(kube.Kubeconfig(elsewhere.Issue("alice"))));
        var refused = await FluentActions.Awaiting(() => foreign.ListAsync(CoreResources.Namespaces)).Should().ThrowAsync<KubeApiException>();
        refused.Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // The bearer token does not stand in for a certificate once the server requires one.
        var tokenOnly = KubeConfigLoader.FromKubeconfigYaml(kube.Kubeconfig(kube.ClientAuthority!.Issue("alice")));
        tokenOnly.ClientCertificateData = null;
        tokenOnly.ClientCertificateKeyData = null;
        tokenOnly.AccessToken = kube.BearerToken;
        using var withoutCertificate = KubeClientFactory.Create(tokenOnly);
        var anonymous = await FluentActions.Awaiting(() => withoutCertificate.ListAsync(CoreResources.Namespaces)).Should().ThrowAsync<KubeApiException>();
        anonymous.Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        kube.Requests["list", "namespaces"].Should().Be(0, "refused requests are not served");
    }

    [Fact]
    public async Task In_cluster_configuration_from_a_service_account_directory_reaches_the_API()
    {
        await using var kube = await KubeApiEmulator.StartAsync();
        var serviceAccount = Directory.CreateDirectory(Path.Combine(directory, "serviceaccount")).FullName;
        File.WriteAllText(Path.Combine(serviceAccount, "token"), kube.BearerToken);
        File.WriteAllText(Path.Combine(serviceAccount, "ca.crt"), kube.CertificateAuthorityPem);
        File.WriteAllText(Path.Combine(serviceAccount, "namespace"), "kube-system\n");
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", kube.BaseUrl.Host);
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", kube.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            KubeConfigLoader.IsInCluster(serviceAccount).Should().BeTrue();
            using var client = KubeClientFactory.Create(KubeConfigLoader.InCluster(serviceAccount));

            client.DefaultNamespace.Should().Be("kube-system");
            var created = await client.CreateAsync(CoreResources.ConfigMaps, new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "from-a-pod" }, Data = new Dictionary<string, string> { ["a"] = "b" } });
            created.Metadata.NamespaceProperty.Should().Be("kube-system");
            (await client.TryGetAsync(CoreResources.ConfigMaps, "from-a-pod", "kube-system"))!.Data.Should().ContainKey("a");
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", null);
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", null);
        }
    }

    private static string ExecKubeconfig(KubeApiEmulator kube, string plugin) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: emulator
          cluster:
            server: "{kube.BaseUrl.ToString().TrimEnd('/')}"
            certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(kube.CertificateAuthorityPem!))}
        users:
        - name: exec
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: /bin/sh
              args: ["{plugin}"]
              interactiveMode: Never
        contexts:
        - name: emulator
          context: {"{"} cluster: emulator, user: exec {"}"}
        current-context: emulator
        """;
}

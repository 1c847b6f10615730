using IcOperator.Kube.Client;
using IcOperator.Kube.Serialization;

namespace IcOperator.Kube.Tests.Client;

public sealed class KubeClientFactoryTests
{
    [Fact]
    public void A_configuration_without_json_options_gets_this_librarys_instead_of_building_the_official_clients()
    {
        // Reading configuration.JsonSerializerOptions first would build the client's defaults, so nothing reads it before.
        var configuration = new KubernetesClientConfiguration { Host = "https://127.0.0.1:6443", SkipTlsVerify = true };

        using var client = KubeClientFactory.Create(configuration);

        configuration.JsonSerializerOptions.Should().BeSameAs(KubeJsonContext.Default.Options,
            "the factory sets the configuration's options before the official client reads them (if this fails, the client renamed its field)");
    }

    [Fact]
    public void Json_options_the_caller_set_are_kept()
    {
        var configuration = new KubernetesClientConfiguration { Host = "https://127.0.0.1:6443", SkipTlsVerify = true };
        configuration.AddJsonOptions(options => options.MaxDepth = 7);

        using var client = KubeClientFactory.Create(configuration);

        configuration.JsonSerializerOptions.Should().NotBeSameAs(KubeJsonContext.Default.Options);
        configuration.JsonSerializerOptions.MaxDepth.Should().Be(7);
    }
}

using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Agent.Identities;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers;
using IcOperator.Emulators.Ic;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Orchestration;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Tests.Controllers;

public sealed class IcNetworkControllerTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private KubeEnvironment kube = null!;
    private IcEmulator ic = null!;
    private Task host = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        kube = await KubeEnvironment.StartAsync();
        ic = await IcEmulator.StartAsync();
        var events = new EventRecorder(kube.Client, new EventRecorderOptions { ReportingController = "ic-operator" });
        var controller = new IcNetworkController(kube.Client, new NetworkConnections(kube.Client), events, TimeProvider.System, NullLogger<IcNetworkController>.Instance);
        var controllerHost = new ControllerHost(kube.Client);
        controllerHost.AddController(OperatorResources.IcNetworks, controller, new ControllerOptions { Name = IcNetworkController.ControllerName });
        host = Task.Run(() => controllerHost.RunAsync(stop.Token));
    }

    public void Dispose() => stop.Dispose();

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await host;
        await ic.DisposeAsync();
        await kube.DisposeAsync();
    }

    private async Task CreateSecret(string name, string pem) =>
        await kube.Client.CreateAsync(CoreResources.Secrets, new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Data = new Dictionary<string, byte[]> { ["identity.pem"] = Encoding.UTF8.GetBytes(pem) },
        });

    private async Task CreateNetwork(string name, string secret, string rootKey = "fetch", string? url = null) =>
        await kube.Client.CreateAsync(OperatorResources.IcNetworks, new IcNetwork
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Spec = new IcNetworkSpec
            {
                Url = url ?? ic.Url.ToString(),
                RootKey = rootKey,
                Identity = new IdentitySource { SecretRef = new KeyReference { Name = secret, Key = "identity.pem" } },
            },
        });

    private Task<IcNetwork> WaitForReadyStatus(string name, ConditionStatus status) =>
        KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, name, "default"),
            n => n.Status?.Conditions.Any(c => c.Type == "Ready" && c.Status == status) == true);

    [Fact]
    public async Task A_local_network_with_a_valid_identity_is_ready_and_reports_the_principal()
    {
        using var identity = Ed25519Identity.Generate();
        await CreateSecret("id", identity.ExportPkcs8Pem());
        await CreateNetwork("local", "id");

        var network = await WaitForReadyStatus("local", ConditionStatus.True);
        network.Status!.Principal.Should().Be(identity.Sender.ToString());
        network.Status.ReplicaHealth.Should().Be("healthy");
        network.Status.RootKeyFingerprint.Should().Be(NetworkReadiness.Fingerprint(ic.RootKeyDer));
        network.Status.Conditions.Single(c => c.Type == "Ready").Reason.Should().Be(IcNetworkReasons.Connected);
    }

    [Fact]
    public async Task The_mainnet_root_key_is_refused_from_a_network_that_reports_another()
    {
        using var identity = Ed25519Identity.Generate();
        await CreateSecret("id", identity.ExportPkcs8Pem());
        await CreateNetwork("pinned", "id", rootKey: "mainnet");
        var network = await WaitForReadyStatus("pinned", ConditionStatus.False);
        network.Status!.Conditions.Single(c => c.Type == "Ready").Reason.Should().Be(IcNetworkReasons.RootKeyMismatch);
    }

    [Fact]
    public async Task A_changed_root_key_policy_is_checked_again_against_the_key_the_network_reports()
    {
        using var identity = Ed25519Identity.Generate();
        await CreateSecret("id", identity.ExportPkcs8Pem());
        await CreateNetwork("rekeyed", "id", rootKey: "mainnet");
        var refused = await WaitForReadyStatus("rekeyed", ConditionStatus.False);
        refused.Status!.Conditions.Single(c => c.Type == "Ready").Reason.Should().Be(IcNetworkReasons.RootKeyMismatch);

        // Pinned to the key the emulator holds: the network is trusted, and status names that key.
        await SetRootKey("rekeyed", Convert.ToHexStringLower(ic.RootKeyDer));
        var pinned = await WaitForReadyStatus("rekeyed", ConditionStatus.True);
        pinned.Status!.RootKeyFingerprint.Should().Be(NetworkReadiness.Fingerprint(ic.RootKeyDer));

        // Back to mainnet: the agent that trusted the pinned key is not kept, the check runs again and fails.
        await SetRootKey("rekeyed", "mainnet");
        var again = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "rekeyed", "default"),
            n => n.Status?.ObservedGeneration == n.Metadata.Generation && n.Status?.Conditions.Any(c => c.Type == "Ready" && c.Status == ConditionStatus.False) == true);
        again.Status!.Conditions.Single(c => c.Type == "Ready").Reason.Should().Be(IcNetworkReasons.RootKeyMismatch);
    }

    private Task SetRootKey(string network, string rootKey) =>
        kube.Client.PatchAsync(OperatorResources.IcNetworks, network, "default", KubePatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["rootKey"] = rootKey } }));

    [Fact]
    public async Task A_network_that_comes_back_with_a_new_root_key_is_refused_when_pinned_and_followed_when_fetched()
    {
        using var identity = Ed25519Identity.Generate();
        await CreateSecret("id", identity.ExportPkcs8Pem());
        await CreateNetwork("fetched", "id");
        await CreateNetwork("pinned", "id", rootKey: ic.RootKeyHex);
        await WaitForReadyStatus("fetched", ConditionStatus.True);
        await WaitForReadyStatus("pinned", ConditionStatus.True);
        var before = NetworkReadiness.Fingerprint(ic.RootKeyDer);

        // A local replica restarted on the same address with a key of its own: the network rotated its root key.
        var port = ic.Url.Port;
        await ic.DisposeAsync();
        ic = await IcEmulator.StartAsync(new IcEmulatorOptions { Port = port, KeySeed = "rotated"u8.ToArray() });
        var after = NetworkReadiness.Fingerprint(ic.RootKeyDer);
        after.Should().NotBe(before);
        foreach (var name in new[] { "fetched", "pinned" })
        {
            await kube.Client.PatchAsync(OperatorResources.IcNetworks, name, "default", KubePatch.Merge(new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Annotations.ReconcileRequestedAt] = "rotated" } },
            }));
        }

        var pinned = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "pinned", "default"),
            n => n.Status?.Conditions.Any(c => c.Type == "Ready" && c.Status == ConditionStatus.False && c.Reason == IcNetworkReasons.RootKeyMismatch) == true);
        var refusal = pinned.Status!.Conditions.Single(c => c.Type == "Ready").Message;
        refusal.Should().Contain("spec.rootKey").And.Contain(before).And.Contain(after);
        pinned.Status.RootKeyFingerprint.Should().Be(before, "the pinned key is still the one certificates are checked against");

        var fetched = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "fetched", "default"),
            n => n.Status?.RootKeyFingerprint == after && n.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == ConditionStatus.True));
        fetched.Status!.Conditions.Single(c => c.Type == "Ready").Reason.Should().Be(IcNetworkReasons.Connected);
    }

    [Fact]
    public async Task A_pem_that_does_not_parse_is_reported_without_its_content()
    {
        const string pem = "-----BEGIN PRIVATE KEY-----\nTk9UQUtFWU5PVEFLRVlOT1RBS0VZ\n-----END PRIVATE KEY-----\n";
        await CreateSecret("broken", pem);
        await CreateNetwork("bad-identity", "broken");
        var network = await WaitForReadyStatus("bad-identity", ConditionStatus.False);
        var ready = network.Status!.Conditions.Single(c => c.Type == "Ready");
        ready.Reason.Should().Be(IcNetworkReasons.InvalidIdentity);
        ready.Message.Should().Contain("broken").And.NotContain("Tk9UQUtFWU5PVEFLRVlOT1RBS0VZ");
        network.Status.Principal.Should().BeNull();
    }

    [Fact]
    public async Task A_missing_secret_is_named()
    {
        await CreateNetwork("no-secret", "nowhere");
        var network = await WaitForReadyStatus("no-secret", ConditionStatus.False);
        var ready = network.Status!.Conditions.Single(c => c.Type == "Ready");
        ready.Reason.Should().Be(IcNetworkReasons.IdentitySecretNotFound);
        ready.Message.Should().Contain("nowhere");
    }

    [Fact]
    public async Task Fetching_the_root_key_of_a_public_url_stalls()
    {
        using var identity = Ed25519Identity.Generate();
        await CreateSecret("id", identity.ExportPkcs8Pem());
        await CreateNetwork("public", "id", rootKey: "fetch", url: "https://icp-api.io");
        var network = await KubeEnvironment.EventuallyAsync(
            () => kube.Client.GetAsync(OperatorResources.IcNetworks, "public", "default"),
            n => n.Status?.Conditions.Any(c => c.Type == "Stalled" && c.Status == ConditionStatus.True) == true);
        network.Status!.Conditions.Single(c => c.Type == "Stalled").Reason.Should().Be(IcNetworkReasons.RootKeyFetchNotAllowed);
    }
}

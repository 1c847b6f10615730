using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IcOperator.Agent.Identities;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Kube.Client;
using IcOperator.Kube.Resources;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// What the operator's end-to-end tests stand on: the Kubernetes API emulator with the CRDs, the IC emulator, the
/// operator's identity Secret "identity", and the objects most tests deploy from: the IcNetwork "local", a WasmTemplate
/// with inline versions and the CanisterDeployment "web" with a health check, all in namespace "default".
/// </summary>
internal sealed class OperatorTestBed : IAsyncDisposable
{
    public const string Namespace = "default";
    public const string Network = "local";
    public const string Deployment = "web";

    private OperatorTestBed(KubeEnvironment kube, IcEmulator ic, Principal operatorPrincipal)
    {
        Kube = kube;
        Ic = ic;
        OperatorPrincipal = operatorPrincipal;
    }

    public KubeEnvironment Kube { get; }

    public IKubeClient Client => Kube.Client;

    public IcEmulator Ic { get; }

    /// <summary>The principal of the key in the identity Secret: the operator's on the IC.</summary>
    public Principal OperatorPrincipal { get; }

    /// <summary>Starts both emulators and creates the identity Secret; networks, templates and deployments are up to the test.</summary>
    public static async Task<OperatorTestBed> StartAsync()
    {
        var kube = await KubeEnvironment.StartAsync();
        var ic = await IcEmulator.StartAsync();
        using var identity = Ed25519Identity.Generate();
        await kube.Client.CreateAsync(CoreResources.Secrets, new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "identity", NamespaceProperty = Namespace },
            Data = new Dictionary<string, byte[]> { ["identity.pem"] = Encoding.UTF8.GetBytes(identity.ExportPkcs8Pem()) },
        });
        return new OperatorTestBed(kube, ic, identity.Sender);
    }

    /// <summary>The IcNetwork "local" on the IC emulator, with the identity Secret; <paramref name="configure"/> adds to its spec.</summary>
    public Task CreateNetworkAsync(Func<IcNetworkSpec, IcNetworkSpec>? configure = null)
    {
        var spec = new IcNetworkSpec
        {
            Url = Ic.Url.ToString(),
            RootKey = "fetch",
            Identity = new IdentitySource { SecretRef = new KeyReference { Name = "identity", Key = "identity.pem" } },
        };
        return Client.CreateAsync(OperatorResources.IcNetworks, new IcNetwork
        {
            Metadata = new V1ObjectMeta { Name = Network, NamespaceProperty = Namespace },
            Spec = configure is null ? spec : configure(spec),
        });
    }

    /// <summary>A WasmTemplate whose versions are given inline.</summary>
    public Task CreateTemplateAsync(string name, params (string Version, byte[] Module)[] versions) =>
        Client.CreateAsync(OperatorResources.WasmTemplates, new WasmTemplate
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new WasmTemplateSpec
            {
                Versions = [.. versions.Select(v => new WasmVersion
                {
                    Version = v.Version,
                    Sha256 = Sha(v.Module),
                    Source = new WasmSource { Inline = Convert.ToBase64String(v.Module) },
                })],
            },
        });

    /// <summary>The CanisterDeployment "web" of template "app" at <paramref name="version"/>, healthy when <c>health</c> answers <c>(variant { ok })</c>.</summary>
    public Task CreateDeploymentAsync(string version = "1.0.0", InstallOptions? install = null) =>
        Client.CreateAsync(OperatorResources.CanisterDeployments, new CanisterDeployment
        {
            Metadata = new V1ObjectMeta { Name = Deployment, NamespaceProperty = Namespace },
            Spec = new CanisterDeploymentSpec
            {
                NetworkRef = new LocalObjectReference { Name = Network },
                Template = new TemplateVersionReference { Name = "app", Version = version },
                Install = install ?? new InstallOptions(),
                Upgrade = new UpgradePolicy { HealthCheck = new HealthCheck { Method = "health", Expect = "(variant { ok })", Timeout = "1s" } },
            },
        });

    public Task<CanisterDeployment> GetDeploymentAsync() => Client.GetAsync(OperatorResources.CanisterDeployments, Deployment, Namespace);

    /// <summary>Merges <paramref name="spec"/> into the spec of the deployment "web".</summary>
    public Task SetSpecAsync(JsonObject spec) =>
        Client.PatchAsync(OperatorResources.CanisterDeployments, Deployment, Namespace, KubePatch.Merge(new JsonObject { ["spec"] = spec }));

    public static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A test module: <c>health</c> answers <paramref name="health"/>, a label tells versions apart, init stores state "seed".</summary>
    public static byte[] Module(string health, int label) =>
        new TestModuleBuilder().WithQuery("health", health).WithLabel($"v{label}").WithInit(new LifecycleBehavior { State = new Dictionary<string, string> { ["seed"] = "(\"kept\")" } }).Build();

    /// <summary>Whether condition <paramref name="type"/> is True for the deployment's current generation.</summary>
    public static bool Has(CanisterDeployment d, string type) =>
        d.Status?.Conditions.Any(c => c.Type == type && c.Status == ConditionStatus.True && c.ObservedGeneration == d.Metadata.Generation) == true;

    public async ValueTask DisposeAsync()
    {
        await Ic.DisposeAsync();
        await Kube.DisposeAsync();
    }
}

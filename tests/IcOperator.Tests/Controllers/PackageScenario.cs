using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Transport;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Cli;
using IcOperator.Emulators.Ic;
using IcOperator.Kube.Client;
using k8s.Models;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// A three-part package (a, b, c) of template "part" on a local network: 1.0.0 and 2.0.0 upgrade cleanly, 3.0.0
/// traps in post_upgrade. Each part keeps its install argument, the text its init call got and the version whose
/// install or upgrade last wrote its state, so a test reads back from the canister what it received.
/// </summary>
internal static class PackageScenario
{
    public static readonly byte[] V1 = SampleModules.PackagePart("1.0.0");
    public static readonly byte[] V2 = SampleModules.PackagePart("2.0.0");
    public static readonly byte[] V3 = SampleModules.PackagePart("3.0.0", trapOnUpgrade: true);

    public const string Arg = "(record { user = principal \"${user}\"; operator = principal \"${operator}\"; previous = ${previousCanisters} })";

    public static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The identity Secret, the network "local" and the template "part" in namespace default.</summary>
    /// <summary>The IcNetwork "local" and the WasmTemplate "part" the package's components are made of.</summary>
    public static async Task CreateNetworkAndTemplateAsync(OperatorTestBed bed)
    {
        // The scenarios pin each canister's install_code and count the canisters; the shared store has its own tests.
        await bed.CreateNetworkAsync(spec => spec with { SharedChunkStore = false });
        await bed.CreateTemplateAsync("part", ("1.0.0", V1), ("2.0.0", V2), ("3.0.0", V3));
    }

    public static List<PackageComponent> Components(string a = "1.0.0", string b = "1.0.0", string c = "1.0.0") =>
    [
        Component("a", a, "(\"hello ${user}\")"),
        Component("b", b, "(\"hello ${user}\")"),
        Component("c", c, "(\"after ${components.a.canisterId}\")"),
    ];

    public static PackageComponent Component(string name, string version, string initArg) => new()
    {
        Name = name,
        Template = new TemplateVersionReference { Name = "part", Version = version },
        Arg = Arg,
        Init = new ComponentCall { Method = "init", Arg = initArg },
        Deinit = new ComponentCall { Method = "deinit" },
    };

    public static PackageInstallation Package(string name, string user, List<PackageComponent>? components = null, params string[] dependsOn) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new PackageInstallationSpec
        {
            NetworkRef = new LocalObjectReference { Name = "local" },
            User = user,
            Components = components ?? Components(),
            DependsOn = dependsOn.Length == 0 ? null : [.. dependsOn.Select(d => new LocalObjectReference { Name = d })],
            DeletionPolicy = DeletionPolicy.Delete,
        },
    };

    public static Task SetComponentsAsync(IKubeClient client, string package, List<PackageComponent> components) =>
        client.PatchAsync(OperatorResources.PackageInstallations, package, "default", KubePatch.Merge(new JsonObject
        {
            ["spec"] = new JsonObject { ["components"] = System.Text.Json.JsonSerializer.SerializeToNode(new PackageInstallationSpec { Components = components }, OperatorJsonContext.Default.PackageInstallationSpec)!["components"]!.DeepClone() },
        }));

    public static bool Has(PackageInstallation p, string type) =>
        p.Status?.Conditions.Any(c => c.Type == type && c.Status == ConditionStatus.True && c.ObservedGeneration == p.Metadata.Generation) == true;

    public static string ReadyReason(PackageInstallation p) => p.Status?.Conditions.FirstOrDefault(c => c.Type == "Ready")?.Reason ?? string.Empty;

    /// <summary>Queries a part's method through a real agent (anonymous sender) and decodes the reply with its declared types.</summary>
    public static async Task<IReadOnlyList<CandidValue>> QueryAsync(IcEmulator ic, string canister, string method)
    {
        using var agent = new HttpAgent(new HttpAgentOptions
        {
            Url = ic.Url,
            Identity = AnonymousIdentity.Instance,
            RootKeySource = RootKeySource.Fetch,
            SignatureVerifier = new Bls12381SignatureVerifier(),
        });
        var reply = await agent.QueryAsync(Principal.Parse(canister), method, CandidEncoder.Encode([]));
        var types = DidFile.Parse(SampleModules.PartService).GetMethod(method).Results;
        return CandidDecoder.Decode(reply, types);
    }

    /// <summary>A part's install argument as it received it: (user, operator, previous canisters).</summary>
    public static async Task<(string User, string Operator, List<string> Previous)> ConfigAsync(IcEmulator ic, string canister)
    {
        var text = CandidText.PrintArguments(await QueryAsync(ic, canister, "config"), DidFile.Parse(SampleModules.PartService).GetMethod("config").Results);
        string Field(string name) => System.Text.RegularExpressions.Regex.Match(text, name + " = principal \"([a-z0-9-]+)\"").Groups[1].Value;
        var previous = System.Text.RegularExpressions.Regex.Match(text, "previous = vec \\{([^}]*)\\}").Groups[1].Value;
        return (Field("user"), Field("operator"), System.Text.RegularExpressions.Regex.Matches(previous, "principal \"([a-z0-9-]+)\"").Select(m => m.Groups[1].Value).ToList());
    }

    public static async Task<string> TextAsync(IcEmulator ic, string canister, string method)
    {
        var text = CandidText.PrintArguments(await QueryAsync(ic, canister, method), DidFile.Parse(SampleModules.PartService).GetMethod(method).Results);
        return System.Text.RegularExpressions.Regex.Match(text, "\"(.*)\"").Groups[1].Value;
    }
}

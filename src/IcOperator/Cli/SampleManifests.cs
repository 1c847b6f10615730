using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Kube.Client;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IcOperator.Cli;

/// <summary>Reads resource manifests (YAML, several documents per file) and creates them, as <c>kubectl apply</c> would for new objects.</summary>
internal static class SampleManifests
{
    /// <summary>The audit log <c>ic-operator local</c> gives every network: the operator's own log canister.</summary>
    public static AuditLogSpec LocalAuditLog { get; } = new() { Deploy = true };

    public static IEnumerable<JsonObject> Read(string directory) =>
        Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).SelectMany(file =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            return stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>();
        });

    /// <summary>
    /// Creates one manifest in <paramref name="namespace"/>; <paramref name="networkUrl"/> replaces an IcNetwork's URL, and a
    /// network without an audit log gets one deployed, so the local history is recorded from the first deploy.
    /// </summary>
    public static async Task<string> CreateAsync(IKubeClient client, JsonObject manifest, string @namespace, Uri networkUrl, CancellationToken cancellationToken)
    {
        manifest["metadata"]!["namespace"] = @namespace;
        var kind = manifest["kind"]?.GetValue<string>();
        switch (kind)
        {
            case "IcNetwork":
                var network = manifest.Deserialize(OperatorJsonContext.Default.IcNetwork)!;
                network.Spec = network.Spec with { Url = networkUrl.ToString(), RootKey = "fetch", AuditLog = network.Spec.AuditLog ?? LocalAuditLog };
                await client.CreateAsync(OperatorResources.IcNetworks, network, cancellationToken);
                break;
            case "WasmTemplate":
                await client.CreateAsync(OperatorResources.WasmTemplates, manifest.Deserialize(OperatorJsonContext.Default.WasmTemplate)!, cancellationToken);
                break;
            case "CanisterDeployment":
                await client.CreateAsync(OperatorResources.CanisterDeployments, manifest.Deserialize(OperatorJsonContext.Default.CanisterDeployment)!, cancellationToken);
                break;
            case "PackageInstallation":
                await client.CreateAsync(OperatorResources.PackageInstallations, manifest.Deserialize(OperatorJsonContext.Default.PackageInstallation)!, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Sample manifests hold IcNetwork, WasmTemplate, CanisterDeployment and PackageInstallation resources; found kind {kind ?? "(none)"}.");
        }

        return $"{kind}/{manifest["metadata"]!["name"]}";
    }

    /// <summary>YAML as Kubernetes reads it: plain true/false/integers are typed, quoted scalars are strings.</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => scalar.Value switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            var text when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            var text => JsonValue.Create(text),
        },
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}

using System.Text.Json.Nodes;

namespace IcOperator.Emulators.Tests.Kube;

/// <summary>Objects the tests write, shaped like the operator's kinds.</summary>
internal static class Manifests
{
    public const string Group = "/apis/ic-operator.dev/v1alpha1";

    public static string Deployments(string ns) => $"{Group}/namespaces/{ns}/canisterdeployments";

    public static string Deployment(string ns, string name) => $"{Deployments(ns)}/{name}";

    public static JsonObject CanisterDeployment(string name, string version = "1.0.0", string? ns = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject
        {
            ["apiVersion"] = "ic-operator.dev/v1alpha1",
            ["kind"] = "CanisterDeployment",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["networkRef"] = new JsonObject { ["name"] = "local" },
                ["template"] = new JsonObject { ["name"] = "counter", ["version"] = version },
            },
        };
    }

    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    public static JsonObject ConfigMap(string name, params (string Key, string Value)[] data)
    {
        var map = new JsonObject();
        foreach (var (key, value) in data)
        {
            map[key] = value;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["data"] = map,
        };
    }
}

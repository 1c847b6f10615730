namespace IcOperator.Testing;

/// <summary>
/// Real third-party tools the tests drive (kubectl, node with the @icp-sdk npm packages, icp, ic-wasm,
/// promtool, helm, lua5.1). <c>.ci/run</c> installs them; npm packages go to <c>.tools/npm</c> under the repository
/// (or <c>IC_OPERATOR_NPM_PREFIX</c>).
/// </summary>
internal static class PeerTools
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string NpmPrefix =>
        Environment.GetEnvironmentVariable("IC_OPERATOR_NPM_PREFIX") is { Length: > 0 } prefix
            ? prefix
            : Path.Combine(TestPaths.RepoRoot, ".tools", "npm");

    public static string NodeModules => Path.Combine(NpmPrefix, "node_modules");

    public static string? Kubectl => OnPath("kubectl");

    public static string? Node => OnPath("node");

    public static string? Promtool => OnPath("promtool");

    /// <summary>Lua 5.1, the language version of gopher-lua, in which Argo CD runs health checks and actions.</summary>
    public static string? Lua => OnPath("lua5.1");

    /// <summary>Helm 4, installed by <c>.ci/install-tools</c> under <c>.tools/kube</c> with the kubectl it ships beside.</summary>
    public static string? Helm => Existing(Path.Combine(KubeTools, "helm"));

    /// <summary>The current kubectl shipped with Helm (the one on PATH may be older).</summary>
    public static string? KubectlWithHelm => Existing(Path.Combine(KubeTools, "kubectl"));

    private static string KubeTools => Path.Combine(TestPaths.RepoRoot, ".tools", "kube");

    public static string? Icp => Existing(Path.Combine(NodeModules, "@icp-sdk", "icp-cli-linux-x64", "bin", "icp"));

    public static string? IcWasm => Existing(Path.Combine(NodeModules, "@icp-sdk", "ic-wasm-linux-x64", "bin", "ic-wasm"));

    public static bool HasMotoko => Node is not null && Directory.Exists(Path.Combine(NodeModules, "motoko"));

    public static bool HasIcpSdkCore => Node is not null && Directory.Exists(Path.Combine(NodeModules, "@icp-sdk", "core"));

    /// <summary>Why a tool-dependent test cannot run here, or null when it can.</summary>
    public static string? MissingReason(string tool) => tool switch
    {
        "kubectl" => Kubectl is null ? "kubectl is not on PATH" : null,
        "node" => Node is null ? "node is not on PATH" : null,
        "promtool" => Promtool is null ? "promtool is not on PATH (apt-get install prometheus)" : null,
        "icp" => Icp is null ? $"icp is not installed under {NodeModules} (run .ci/run)" : null,
        "ic-wasm" => IcWasm is null ? $"ic-wasm is not installed under {NodeModules} (run .ci/run)" : null,
        "lua5.1" => Lua is null ? "lua5.1 is not on PATH (apt-get install lua5.1)" : null,
        "helm" => Helm is null || KubectlWithHelm is null ? $"helm and kubectl are not installed under {KubeTools} (run .ci/install-tools)" : null,
        "motoko" => HasMotoko ? null : $"node or the motoko compiler under {NodeModules} is missing (run .ci/run)",
        "@icp-sdk/core" => HasIcpSdkCore ? null : $"node or @icp-sdk/core under {NodeModules} is missing (run .ci/run)",
        _ => $"unknown tool {tool}",
    };

    private static string? Existing(string path) => File.Exists(path) ? path : null;

    private static string? OnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>
/// A fact that needs a real third-party tool. Without it the test is skipped with the reason shown,
/// except in CI (<c>CI=true</c>), where a missing tool is a failure: CI must install what tests need.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(params string[] tools)
    {
        foreach (var tool in tools)
        {
            if (PeerTools.MissingReason(tool) is { } reason && !PeerTools.InCi)
            {
                Skip = reason;
                return;
            }
        }
    }
}

/// <summary>The theory counterpart of <see cref="RequiresToolFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    public RequiresToolTheoryAttribute(params string[] tools)
    {
        foreach (var tool in tools)
        {
            if (PeerTools.MissingReason(tool) is { } reason && !PeerTools.InCi)
            {
                Skip = reason;
                return;
            }
        }
    }
}

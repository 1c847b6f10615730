using System.Text.Json;
using System.Text.RegularExpressions;
using IcOperator.Testing;

namespace IcOperator.Tests.Crds;

/// <summary>What can be checked of the Helm chart without Helm: values against their schema, RBAC and the Deployment's hardening.</summary>
public sealed class ChartTests
{
    private static readonly string Chart = Path.Combine(TestPaths.RepoRoot, "charts", "ic-operator");

    [Fact]
    public void Values_satisfy_the_values_schema()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Chart, "values.schema.json")));
        var values = YamlTree.Parse(File.ReadAllText(Path.Combine(Chart, "values.yaml")));
        var problems = new List<string>();
        Validate(values, schema.RootElement, "values", problems);
        problems.Should().BeEmpty();
    }

    [Fact]
    public void The_schema_refuses_what_it_should()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Chart, "values.schema.json")));
        var values = (Dictionary<string, object?>)YamlTree.Parse(File.ReadAllText(Path.Combine(Chart, "values.yaml")))!;
        values["replicas"] = 0L;
        values["unknown"] = "x";
        ((Dictionary<string, object?>)values["image"]!)["pullPolicy"] = "Sometimes";
        var problems = new List<string>();
        Validate(values, schema.RootElement, "values", problems);
        problems.Should().Contain(p => p.Contains("values.replicas", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("values.unknown", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("values.image.pullPolicy", StringComparison.Ordinal));
    }

    [Fact]
    public void Cluster_role_rules_equal_config_rbac()
    {
        static object? Rules(string yaml) => ((Dictionary<string, object?>)YamlTree.Parse(yaml)!)["rules"];
        var template = File.ReadAllText(Path.Combine(Chart, "templates", "clusterrole.yaml"));
        var rulesOnly = template[template.IndexOf("rules:", StringComparison.Ordinal)..];
        Rules(rulesOnly).Should().BeEquivalentTo(Rules(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "config", "rbac", "role.yaml"))), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Deployment_has_a_read_only_root_and_the_wasm_cache_on_an_empty_dir()
    {
        var deployment = File.ReadAllText(Path.Combine(Chart, "templates", "deployment.yaml"));
        deployment.Should().Contain("readOnlyRootFilesystem: true");
        deployment.Should().Contain("runAsNonRoot: true");
        Regex.IsMatch(deployment, @"name: IC_OPERATOR_WASM_CACHE\s+value: (?<path>\S+)").Should().BeTrue();
        var path = Regex.Match(deployment, @"name: IC_OPERATOR_WASM_CACHE\s+value: (?<path>\S+)").Groups["path"].Value;
        Regex.IsMatch(deployment, $@"- name: wasm-cache\s+mountPath: {Regex.Escape(path)}").Should().BeTrue("the cache directory is mounted");
        Regex.IsMatch(deployment, @"- name: wasm-cache\s+emptyDir:").Should().BeTrue("the cache is an emptyDir");
        deployment.Should().Contain("path: /healthz").And.Contain("path: /readyz");
    }

    [Fact]
    public void Deployment_args_are_flags_of_the_run_command_the_image_starts()
    {
        File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Dockerfile")).Should().Contain("\"run\"]", "the image's entrypoint runs `ic-operator run`");
        var deployment = File.ReadAllText(Path.Combine(Chart, "templates", "deployment.yaml"));
        var flags = Regex.Matches(deployment, @"^\s+- (--[a-z-]+)=", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        flags.Should().NotBeEmpty();
        var run = IcOperator.Cli.OperatorCli.Build().Subcommands.Single(c => c.Name == "run");
        flags.Should().BeSubsetOf(run.Options.Select(o => o.Name));
    }

    private static void Validate(object? value, JsonElement schema, string path, List<string> problems)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            var ok = type.GetString() switch
            {
                "object" => value is Dictionary<string, object?>,
                "array" => value is List<object?>,
                "string" => value is string,
                "integer" => value is long,
                "boolean" => value is bool,
                _ => true,
            };
            if (!ok)
            {
                problems.Add($"{path}: expected {type.GetString()}, found {value ?? "null"}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(e => e.GetString() == value as string))
        {
            problems.Add($"{path}: {value} is not one of {allowed}");
        }

        if (schema.TryGetProperty("minimum", out var minimum) && value is long low && low < minimum.GetInt64())
        {
            problems.Add($"{path}: {low} is below {minimum}");
        }

        if (schema.TryGetProperty("maximum", out var maximum) && value is long high && high > maximum.GetInt64())
        {
            problems.Add($"{path}: {high} is above {maximum}");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && value is string text && !Regex.IsMatch(text, pattern.GetString()!))
        {
            problems.Add($"{path}: {text} does not match {pattern}");
        }

        if (value is Dictionary<string, object?> map)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !map.ContainsKey(n)))
                {
                    problems.Add($"{path}.{name}: required");
                }
            }

            foreach (var (key, child) in map)
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(key, out var childSchema))
                {
                    Validate(child, childSchema, $"{path}.{key}", problems);
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional))
                {
                    if (additional.ValueKind == JsonValueKind.False)
                    {
                        problems.Add($"{path}.{key}: not allowed");
                    }
                    else if (additional.ValueKind == JsonValueKind.Object)
                    {
                        Validate(child, additional, $"{path}.{key}", problems);
                    }
                }
            }
        }
    }
}

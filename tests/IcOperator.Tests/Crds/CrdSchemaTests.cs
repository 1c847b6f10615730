using System.Text.RegularExpressions;
using IcOperator.Api.V1Alpha1;
using IcOperator.Crds;

namespace IcOperator.Tests.Crds;

public sealed class CrdSchemaTests
{
    public static TheoryData<string> Kinds => new() { "IcNetwork", "WasmTemplate", "CanisterDeployment", "PackageInstallation" };

    private static Dictionary<string, object?> Parsed(string kind) =>
        (Dictionary<string, object?>)YamlTree.Parse(CrdGenerator.GenerateAll().Single(c => c.Kind == kind).Yaml)!;

    private static Dictionary<string, object?> Map(object? value) => (Dictionary<string, object?>)value!;

    private static List<object?> List(object? value) => (List<object?>)value!;

    private static Dictionary<string, object?> Version(string kind) => Map(List(Map(Parsed(kind)["spec"])["versions"])[0]);

    private static Dictionary<string, object?> Schema(string kind) => Map(Map(Version(kind)["schema"])["openAPIV3Schema"]);

    private static Dictionary<string, object?> At(Dictionary<string, object?> schema, params string[] path)
    {
        foreach (var name in path)
        {
            schema = name == "[]" ? Map(schema["items"]) : Map(Map(schema["properties"])[name]);
        }

        return schema;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Yaml_reads_back_as_the_document_that_was_written(string kind)
    {
        var type = CrdGenerator.EntityTypes.Single(t => t.Name == kind);
        var expected = Normalise(CrdGenerator.Document(type));
        YamlTree.Parse(CrdGenerator.Generate(type).Yaml).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Schema_is_structural_and_every_field_is_described(string kind)
    {
        var problems = new List<string>();
        Walk(Schema(kind), kind, problems, isProperty: true);
        problems.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Defaults_satisfy_their_own_validation(string kind)
    {
        var problems = new List<string>();
        CheckDefaults(Schema(kind), kind, problems);
        problems.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Printer_columns_point_at_fields_of_the_schema(string kind)
    {
        var schema = Schema(kind);
        var columns = List(Version(kind)["additionalPrinterColumns"]).Select(Map).ToList();
        columns.Select(c => (string)c["name"]!).Should().Contain(["READY", "AGE"]);
        foreach (var column in columns)
        {
            var path = (string)column["jsonPath"]!;
            var match = Regex.Match(path, @"^\.([a-zA-Z.]+?)(\[\?\(@\.type==""Ready""\)\]\.status)?$");
            match.Success.Should().BeTrue($"{path} is a simple path");
            if (match.Groups[1].Value.StartsWith("metadata", StringComparison.Ordinal))
            {
                continue;
            }

            var segments = match.Groups[1].Value.Split('.');
            var node = At(schema, segments);
            if (match.Groups[2].Success)
            {
                At(node, "[]", "status").Should().ContainKey("enum");
            }
            else
            {
                node.Should().ContainKey("type");
            }
        }
    }

    [Fact]
    public void Kinds_have_their_short_names_category_and_status_subresource()
    {
        var shortNames = new Dictionary<string, string>
        {
            ["IcNetwork"] = "icnet",
            ["WasmTemplate"] = "wt",
            ["CanisterDeployment"] = "cdep",
            ["PackageInstallation"] = "pkgi",
        };
        foreach (var (kind, shortName) in shortNames)
        {
            var spec = Map(Parsed(kind)["spec"]);
            spec["group"].Should().Be("ic-operator.dev");
            spec["scope"].Should().Be("Namespaced");
            var names = Map(spec["names"]);
            List(names["shortNames"]).Should().Equal(shortName);
            List(names["categories"]).Should().Equal("ic");
            Map(Version(kind)["subresources"]).Should().ContainKey("status");
            Version(kind)["name"].Should().Be("v1alpha1");
        }
    }

    [Fact]
    public void Canister_deployment_columns_answer_the_first_question()
    {
        List(Version("CanisterDeployment")["additionalPrinterColumns"]).Select(Map)
            .Where(c => !c.ContainsKey("priority"))
            .Select(c => c["name"])
            .Should().Equal("TEMPLATE", "VERSION", "CANISTER", "PHASE", "READY", "AGE");
    }

    [Fact]
    public void Canister_deployment_validates_what_the_api_promises()
    {
        var spec = At(Schema("CanisterDeployment"), "spec");
        List(spec["required"]).Should().BeEquivalentTo(["networkRef", "template"]);
        At(spec, "deletionPolicy")["enum"].Should().BeEquivalentTo(new[] { "Retain", "Stop", "Delete" });
        At(spec, "deletionPolicy")["default"].Should().Be("Retain");
        At(spec, "managementPolicy")["enum"].Should().BeEquivalentTo(new[] { "Full", "ObserveOnly" });
        At(spec, "upgrade", "wasmMemoryPersistence")["enum"].Should().BeEquivalentTo(new[] { "keep", "replace" });
        At(spec, "upgrade", "snapshot")["default"].Should().Be(true);
        At(spec, "upgrade", "retries")["minimum"].Should().Be(0L);
        At(spec, "upgrade")["default"].Should().BeEquivalentTo(new Dictionary<string, object?>());
        At(spec, "snapshotRetention")["default"].Should().Be(2L);
        At(spec, "create", "initialCycles")["x-kubernetes-int-or-string"].Should().Be(true);
        At(spec, "create", "initialCycles")["default"].Should().Be("2T");
        At(spec, "settings", "controllers", "[]")["pattern"].Should().Be(Api.Schema.SchemaPatterns.Principal);
        At(spec, "settings", "computeAllocation")["maximum"].Should().Be(100L);
        At(spec, "install")["maxProperties"].Should().Be(1L);
    }

    [Fact]
    public void Wasm_template_requires_a_sha256_and_exactly_one_source()
    {
        var version = At(Schema("WasmTemplate"), "spec", "versions", "[]");
        List(version["required"]).Should().BeEquivalentTo(["version", "source", "sha256"]);
        At(version, "sha256")["pattern"].Should().Be("^[0-9a-f]{64}$");
        At(version, "source")["minProperties"].Should().Be(1L);
        At(version, "source")["maxProperties"].Should().Be(1L);
        List(At(Schema("WasmTemplate"), "spec", "versions")["x-kubernetes-list-map-keys"]).Should().Equal("version");
        At(Schema("WasmTemplate"), "status", "versions", "[]", "metadata", "dfx")["x-kubernetes-preserve-unknown-fields"].Should().Be(true);
    }

    [Theory]
    [InlineData("Principal", "2vxsx-fae", true)]
    [InlineData("Principal", "ryjl3-tyaaa-aaaaa-aaaba-cai", true)]
    [InlineData("Principal", "RYJL3-tyaaa", false)]
    [InlineData("Principal", "ryjl3-tyaaa-", false)]
    [InlineData("Sha256", "3a7f000000000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("Sha256", "3A7F000000000000000000000000000000000000000000000000000000000000", false)]
    [InlineData("Sha256", "3a7f", false)]
    [InlineData("SemanticVersion", "0.9.2", true)]
    [InlineData("SemanticVersion", "1.0.0-rc.1+build.5", true)]
    [InlineData("SemanticVersion", "v1.0.0", false)]
    [InlineData("SemanticVersion", "01.0.0", false)]
    [InlineData("Cycles", "2T", true)]
    [InlineData("Cycles", "1.5T", true)]
    [InlineData("Cycles", "500B", true)]
    [InlineData("Cycles", "1_000_000", true)]
    [InlineData("Cycles", "1000000", true)]
    [InlineData("Cycles", "1_00", false)]
    [InlineData("Cycles", "2 T", false)]
    [InlineData("Cycles", "-1", false)]
    [InlineData("Bytes", "3GiB", true)]
    [InlineData("Bytes", "512Mi", true)]
    [InlineData("Bytes", "3 GB", false)]
    [InlineData("Duration", "5m", true)]
    [InlineData("Duration", "1m30s", true)]
    [InlineData("Duration", "5 minutes", false)]
    [InlineData("RootKey", "mainnet", true)]
    [InlineData("RootKey", "fetch", true)]
    [InlineData("RootKey", "308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100", true)]
    [InlineData("RootKey", "local", false)]
    public void Patterns_accept_and_refuse_what_they_should(string pattern, string input, bool accepted)
    {
        var regex = (string)typeof(Api.Schema.SchemaPatterns).GetField(pattern)!.GetValue(null)!;
        Regex.IsMatch(input, regex).Should().Be(accepted);
    }

    private static void Walk(Dictionary<string, object?> schema, string path, List<string> problems, bool isProperty)
    {
        if (isProperty && !schema.ContainsKey("description"))
        {
            problems.Add($"{path}: no description");
        }

        var intOrString = schema.ContainsKey("x-kubernetes-int-or-string");
        if (!schema.ContainsKey("type") && !intOrString)
        {
            problems.Add($"{path}: no type");
        }

        if (schema.TryGetValue("anyOf", out var anyOf) && !intOrString)
        {
            problems.Add($"{path}: anyOf outside int-or-string is not structural ({anyOf})");
        }

        if (schema.TryGetValue("properties", out var properties))
        {
            var props = Map(properties);
            if (schema.TryGetValue("required", out var required))
            {
                foreach (var name in List(required).Cast<string>())
                {
                    if (!props.ContainsKey(name))
                    {
                        problems.Add($"{path}: required {name} is not a property");
                    }
                }
            }

            foreach (var (name, child) in props)
            {
                Walk(Map(child), $"{path}.{name}", problems, isProperty: true);
            }
        }

        if (schema.TryGetValue("items", out var items))
        {
            var itemSchema = Map(items);
            Walk(itemSchema, $"{path}[]", problems, isProperty: false);
            if (schema.TryGetValue("x-kubernetes-list-map-keys", out var keys))
            {
                var required = itemSchema.TryGetValue("required", out var r) ? List(r) : [];
                foreach (var key in List(keys))
                {
                    if (!required.Contains(key))
                    {
                        problems.Add($"{path}: list-map key {key} must be required in the items");
                    }
                }
            }
        }
    }

    private static void CheckDefaults(Dictionary<string, object?> schema, string path, List<string> problems)
    {
        if (schema.TryGetValue("default", out var value))
        {
            if (schema.TryGetValue("pattern", out var pattern) && value is string text && !Regex.IsMatch(text, (string)pattern!))
            {
                problems.Add($"{path}: default {text} does not match {pattern}");
            }

            if (schema.TryGetValue("enum", out var values) && !List(values).Contains(value))
            {
                problems.Add($"{path}: default {value} is not one of the enum");
            }

            if (schema.TryGetValue("minimum", out var min) && value is long low && low < (long)min!)
            {
                problems.Add($"{path}: default {value} below minimum");
            }

            if (schema.TryGetValue("maximum", out var max) && value is long high && high > (long)max!)
            {
                problems.Add($"{path}: default {value} above maximum");
            }

            var type = schema.TryGetValue("type", out var t) ? (string?)t : null;
            var fits = type switch
            {
                "string" => value is string,
                "boolean" => value is bool,
                "integer" => value is long,
                "object" => value is Dictionary<string, object?>,
                _ => true,
            };
            if (!fits)
            {
                problems.Add($"{path}: default {value} is not a {type}");
            }
        }

        if (schema.TryGetValue("properties", out var properties))
        {
            foreach (var (name, child) in Map(properties))
            {
                CheckDefaults(Map(child), $"{path}.{name}", problems);
            }
        }

        if (schema.TryGetValue("items", out var items))
        {
            CheckDefaults(Map(items), $"{path}[]", problems);
        }
    }

    /// <summary>The document as YAML reads it back: integers as long.</summary>
    private static object? Normalise(object? value) => value switch
    {
        Dictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Normalise(kv.Value)),
        List<object?> list => list.Select(Normalise).ToList(),
        int i => (long)i,
        _ => value,
    };
}

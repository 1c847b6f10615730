using System.Text.Json.Serialization;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>A custom resource declared the way the operator declares its own kinds, with its own JSON context.</summary>
internal sealed class Widget : IKubernetesObject
{
    public static readonly KubeResource<Widget> Resource =
        new("test.ic-operator.dev", "v1", "widgets", "Widget", namespaced: true, TestJsonContext.Default.Widget);

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ObjectMeta Metadata { get; set; } = new();

    public required WidgetSpec Spec { get; set; }

    public WidgetStatus? Status { get; set; }

    public static Widget New(string name, string template = "basic", int size = 1, string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new WidgetSpec { Template = template, Size = size },
    };
}

internal sealed class WidgetSpec
{
    public required string Template { get; set; }

    public int Size { get; set; }
}

internal sealed class WidgetStatus
{
    public string? Phase { get; set; }

    public long? ObservedGeneration { get; set; }

    public WidgetPhase? Health { get; set; }
}

internal enum WidgetPhase
{
    Healthy,
    Degraded,
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Widget))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

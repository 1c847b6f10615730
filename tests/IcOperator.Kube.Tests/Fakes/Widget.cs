using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>A custom resource declared the way the operator declares its own kinds, with its own JSON context.</summary>
internal sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    public static readonly KubeResource<Widget> Resource =
        new("test.ic-operator.dev", "v1", "widgets", "Widget", namespaced: true, TestJsonContext.Default.Widget);

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta Metadata { get; set; } = new();

    public required WidgetSpec Spec { get; set; }

    public WidgetStatus? Status { get; set; }

    public static Widget New(string name, string template = "basic", int size = 1, string ns = "default") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new WidgetSpec { Template = template, Size = size },
    };
}

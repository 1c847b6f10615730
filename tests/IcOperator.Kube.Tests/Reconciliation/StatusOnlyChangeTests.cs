using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Reconciliation;

public sealed class StatusOnlyChangeTests
{
    private static Widget Stored()
    {
        var w = Widget.New("w");
        w.Metadata.Generation = 3;
        w.Metadata.ResourceVersion = "10";
        w.Metadata.Labels = new Dictionary<string, string>() { ["a"] = "1" };
        w.Metadata.Finalizers = ["f"];
        return w;
    }

    private static Widget Changed(Action<Widget> change)
    {
        var w = KubeObjects.DeepCopy(Widget.Resource, Stored());
        w.Metadata.ResourceVersion = "11";
        change(w);
        return w;
    }

    [Fact]
    public void Only_status_and_resource_version_differing_is_status_only()
    {
        StatusOnlyChange.Is(Stored(), Changed(w => w.Status = new WidgetStatus { Phase = "Ready" })).Should().BeTrue();
    }

    [Theory]
    [InlineData("generation")]
    [InlineData("label")]
    [InlineData("annotation")]
    [InlineData("finalizer")]
    [InlineData("deletion")]
    [InlineData("owner")]
    public void Anything_a_controller_acts_on_is_not_status_only(string what)
    {
        var after = Changed(w =>
        {
            _ = what switch
            {
                "generation" => w.Metadata.Generation = 4,
                "label" => (object)(w.Metadata.Labels!["a"] = "2"),
                "annotation" => w.Metadata.Annotations = new Dictionary<string, string>() { ["ic-operator.dev/reconcile-requested-at"] = "now" },
                "finalizer" => w.Metadata.Finalizers = [],
                "deletion" => w.Metadata.DeletionTimestamp = DateTime.UnixEpoch,
                _ => w.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "X", Name = "x", Uid = "u" }],
            };
        });
        StatusOnlyChange.Is(Stored(), after).Should().BeFalse();
    }

    [Fact]
    public void Kinds_without_a_generation_are_never_status_only()
    {
        var before = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", ResourceVersion = "1" } };
        var after = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", ResourceVersion = "2" }, Data = new Dictionary<string, string> { ["k"] = "v" } };
        StatusOnlyChange.Is(before, after).Should().BeFalse();
    }
}

using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Client;

public sealed class KubeResourceTests
{
    [Fact]
    public void Paths_follow_the_group_version_namespace_layout()
    {
        Widget.Resource.PathFor("apps").Should().Be("/apis/test.ic-operator.dev/v1/namespaces/apps/widgets");
        Widget.Resource.PathFor(null).Should().Be("/apis/test.ic-operator.dev/v1/widgets", "a namespaced kind listed across all namespaces");
        Widget.Resource.PathFor("apps", "w 1", "status").Should().Be("/apis/test.ic-operator.dev/v1/namespaces/apps/widgets/w%201/status");
        CoreResources.Namespaces.PathFor("ignored", "default").Should().Be("/api/v1/namespaces/default", "cluster-scoped kinds ignore the namespace");
        CoreResources.Secrets.ApiVersion.Should().Be("v1");
        CoreResources.Leases.ApiVersion.Should().Be("coordination.k8s.io/v1");
        Widget.Resource.DisplayName.Should().Be("widgets.test.ic-operator.dev");
    }

    [Fact]
    public void Addressing_a_namespaced_object_without_a_namespace_is_refused()
    {
        FluentActions.Invoking(() => Widget.Resource.PathFor(null, "w")).Should().Throw<ArgumentException>().WithMessage("*namespaced*'w'*");
    }

    [Fact]
    public void A_deep_copy_is_independent_of_the_original()
    {
        var original = Widget.New("w");
        original.Metadata.Labels = new Dictionary<string, string>() { ["a"] = "1" };
        var copy = KubeObjects.DeepCopy(Widget.Resource, original);
        copy.Metadata.Labels!["a"] = "2";
        copy.Spec.Size = 9;
        original.Metadata.Labels["a"].Should().Be("1");
        original.Spec.Size.Should().Be(1);
    }
}

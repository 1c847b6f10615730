using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Reconciliation;

public sealed class OwnerReferencesTests
{
    private static Widget Owner(string name = "counter", string uid = "uid-1", string ns = "apps")
    {
        var w = Widget.New(name, ns: ns);
        w.Metadata.Uid = uid;
        return w;
    }

    [Fact]
    public void SetControllerReference_adds_a_blocking_controller_reference_once()
    {
        var child = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "counter-chunks", NamespaceProperty = "apps" } };
        OwnerReferences.SetControllerReference(Widget.Resource, Owner(), child);
        OwnerReferences.SetControllerReference(Widget.Resource, Owner(), child);

        var reference = child.Metadata.OwnerReferences.Should().ContainSingle().Subject;
        reference.ApiVersion.Should().Be("test.ic-operator.dev/v1");
        reference.Kind.Should().Be("Widget");
        reference.Name.Should().Be("counter");
        reference.Uid.Should().Be("uid-1");
        reference.Controller.Should().BeTrue();
        reference.BlockOwnerDeletion.Should().BeTrue();
        OwnerReferences.ControllerOf(child).Should().BeSameAs(reference);
    }

    [Fact]
    public void A_second_controller_is_refused_naming_both()
    {
        var child = new V1ConfigMap { Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "shared", NamespaceProperty = "apps" } };
        OwnerReferences.SetControllerReference(Widget.Resource, Owner("first", "uid-1"), child);
        FluentActions.Invoking(() => OwnerReferences.SetControllerReference(Widget.Resource, Owner("second", "uid-2"), child))
            .Should().Throw<InvalidOperationException>().WithMessage("*already controlled by Widget first*Widget second*");
    }

    [Fact]
    public void A_namespaced_owner_cannot_own_across_namespaces_or_before_it_has_a_uid()
    {
        var elsewhere = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x", NamespaceProperty = "other" } };
        FluentActions.Invoking(() => OwnerReferences.SetControllerReference(Widget.Resource, Owner(), elsewhere))
            .Should().Throw<ArgumentException>().WithMessage("*must be in the dependent's namespace*");

        var unsaved = Widget.New("new", ns: "apps");
        FluentActions.Invoking(() => OwnerReferences.SetControllerReference(Widget.Resource, unsaved, new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "y", NamespaceProperty = "apps" } }))
            .Should().Throw<ArgumentException>().WithMessage("*no uid yet*");
    }

    [Fact]
    public void Finalizer_helpers_add_and_remove_once()
    {
        var w = Owner();
        Finalizers.Add(w, "a/b").Should().BeTrue();
        Finalizers.Add(w, "a/b").Should().BeFalse();
        Finalizers.Has(w, "a/b").Should().BeTrue();
        Finalizers.Remove(w, "a/b").Should().BeTrue();
        Finalizers.Remove(w, "a/b").Should().BeFalse();
        w.Metadata.Finalizers.Should().BeEmpty();
    }
}

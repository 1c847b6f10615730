using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Tests.Reconciliation;

public sealed class PartitionGateTests
{
    private static readonly ObjectKey A1 = new("default", "a1");
    private static readonly ObjectKey A2 = new("default", "a2");
    private static readonly ObjectKey A3 = new("default", "a3");
    private static readonly ObjectKey B1 = new("default", "b1");

    [Fact]
    public void A_full_partition_parks_its_objects_but_lets_another_partition_in()
    {
        var gate = new PartitionGate();
        var wake = new List<ObjectKey>();

        gate.TryEnter("a", 2, A1, wake).Should().BeTrue();
        gate.TryEnter("a", 2, A2, wake).Should().BeTrue();
        gate.TryEnter("a", 2, A3, wake).Should().BeFalse("two of partition a already run");
        gate.TryEnter("b", 2, B1, wake).Should().BeTrue("partition b has its own share");

        gate.Parked.Should().Be(1);
        wake.Should().BeEmpty();
    }

    [Fact]
    public void A_reconcile_that_ends_wakes_the_first_parked_object_of_its_partition_which_then_enters()
    {
        var gate = new PartitionGate();
        var wake = new List<ObjectKey>();
        gate.TryEnter("a", 1, A1, wake);
        gate.TryEnter("a", 1, A2, wake).Should().BeFalse();
        gate.TryEnter("a", 1, A3, wake).Should().BeFalse();

        gate.Exit("a", wake);

        wake.Should().Equal(A2);
        gate.TryEnter("a", 1, A2, wake).Should().BeTrue();
        gate.Parked.Should().Be(1, "a3 still waits");
    }

    [Fact]
    public void A_woken_object_that_went_away_or_moved_passes_its_turn_on()
    {
        var gate = new PartitionGate();
        var wake = new List<ObjectKey>();
        gate.TryEnter("a", 1, A1, wake);
        gate.TryEnter("a", 1, A2, wake);
        gate.TryEnter("a", 1, A3, wake);
        gate.Exit("a", wake);
        wake.Should().Equal(A2);
        wake.Clear();

        // a2 was deleted meanwhile: its turn goes to a3.
        gate.Forget(A2, wake);
        wake.Should().Equal(A3);
        wake.Clear();

        // a3 now names partition b: partition a is idle and keeps nothing, and a3 runs in b.
        gate.TryEnter("b", 1, A3, wake).Should().BeTrue();
        wake.Should().BeEmpty();
        gate.Parked.Should().Be(0);
    }

    [Fact]
    public void A_raised_limit_lets_as_many_parked_objects_in_as_there_is_room()
    {
        var gate = new PartitionGate();
        var wake = new List<ObjectKey>();
        gate.TryEnter("a", 1, A1, wake);
        gate.TryEnter("a", 1, A2, wake);
        gate.TryEnter("a", 1, A3, wake);

        // The limit is read at each entry: one entering at 3 leaves room for the two parked.
        gate.TryEnter("a", 3, B1, wake).Should().BeTrue();
        gate.Exit("a", wake);

        wake.Should().Equal(A2, A3);
    }
}

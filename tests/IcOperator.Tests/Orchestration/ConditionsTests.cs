using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Tests.Orchestration;

public sealed class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_kstatus_trio_is_written_from_one_verdict()
    {
        var conditions = Conditions.Summarise(null, ready: false, reconciling: false, stalled: true, "HashMismatch", "expected a, found b", 3, T0);
        conditions.Select(c => (c.Type, c.Status, c.Reason)).Should().Equal(
            ("Ready", ConditionStatus.False, "HashMismatch"),
            ("Reconciling", ConditionStatus.False, "Stalled"),
            ("Stalled", ConditionStatus.True, "HashMismatch"));
        conditions.Should().OnlyContain(c => c.ObservedGeneration == 3 && c.LastTransitionTime == T0);
    }

    [Fact]
    public void Transition_time_changes_only_when_the_status_does()
    {
        var first = Conditions.Summarise(null, ready: false, reconciling: true, stalled: false, "Fetching", "…", 1, T0);
        var later = T0.AddMinutes(5);
        var second = Conditions.Summarise(first, ready: false, reconciling: true, stalled: false, "Fetching", "still", 2, later);
        second.Single(c => c.Type == "Ready").LastTransitionTime.Should().Be(T0);
        second.Single(c => c.Type == "Ready").ObservedGeneration.Should().Be(2);

        var third = Conditions.Summarise(second, ready: true, reconciling: false, stalled: false, "AllVersionsVerified", "done", 2, later.AddMinutes(1));
        third.Single(c => c.Type == "Ready").LastTransitionTime.Should().Be(later.AddMinutes(1));
        third.Single(c => c.Type == "Stalled").LastTransitionTime.Should().Be(T0, "Stalled stayed False throughout");
    }
}

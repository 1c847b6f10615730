using System.Net;
using IcOperator.Kube.Client;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Client;

public sealed class ConflictRetryTests
{
    private static KubeConflictException Conflict() => new("PUT /x: 409 Conflict", HttpStatusCode.Conflict, null);

    [Fact]
    public async Task Conflicts_are_retried_and_the_last_one_is_rethrown_after_the_attempts()
    {
        var clock = new ManualClock();
        var calls = 0;
        var run = ConflictRetry.RunAsync<int>(_ => { calls++; throw Conflict(); }, attempts: 3, clock: clock);
        await Eventually.TrueWhileAdvancingAsync(clock, TimeSpan.FromMilliseconds(5), () => run.IsCompleted, "gave up");

        await FluentActions.Awaiting(() => run).Should().ThrowAsync<KubeConflictException>();
        calls.Should().Be(3);
    }

    [Fact]
    public async Task Other_errors_are_not_retried()
    {
        var calls = 0;
        var act = () => ConflictRetry.RunAsync<int>(_ => { calls++; throw new KubeNotFoundException("GET /x: 404", HttpStatusCode.NotFound, null); });
        await act.Should().ThrowAsync<KubeNotFoundException>();
        calls.Should().Be(1);
    }

    [Fact]
    public async Task Success_after_a_conflict_returns_the_result()
    {
        var clock = new ManualClock();
        var calls = 0;
        var run = ConflictRetry.RunAsync(_ => ++calls < 2 ? throw Conflict() : Task.FromResult("written"), clock: clock);
        await Eventually.TrueWhileAdvancingAsync(clock, TimeSpan.FromMilliseconds(5), () => run.IsCompleted, "done");
        (await run).Should().Be("written");
    }
}

using IcOperator.Kube.Reconciliation;

namespace IcOperator.Kube.Tests.Reconciliation;

public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task Places_beyond_the_limit_wait_until_one_is_left()
    {
        var limit = new ConcurrencyLimit(2);
        await limit.EnterAsync(default);
        await limit.EnterAsync(default);

        var third = limit.EnterAsync(default);
        third.IsCompleted.Should().BeFalse("two reconciles already run");

        limit.Exit();
        await third.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Raising_the_limit_lets_the_waiting_in_and_lowering_it_holds_new_ones_until_enough_left()
    {
        var limit = new ConcurrencyLimit(1);
        await limit.EnterAsync(default);
        var second = limit.EnterAsync(default);
        var third = limit.EnterAsync(default);

        limit.Set(3);
        await Task.WhenAll(second, third).WaitAsync(TimeSpan.FromSeconds(10));

        limit.Set(1);
        limit.Exit();
        var fourth = limit.EnterAsync(default);
        fourth.IsCompleted.Should().BeFalse("two still run where one is allowed now");
        limit.Exit();
        fourth.IsCompleted.Should().BeFalse("one still runs");
        limit.Exit();
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_place()
    {
        var limit = new ConcurrencyLimit(1);
        await limit.EnterAsync(default);
        using var cancel = new CancellationTokenSource();
        var cancelled = limit.EnterAsync(cancel.Token);
        var next = limit.EnterAsync(default);

        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => cancelled).Should().ThrowAsync<OperationCanceledException>();
        limit.Exit();
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        limit.Limit.Should().Be(1);
    }

    [Fact]
    public void The_limit_is_at_least_one_and_changes_are_heard()
    {
        var limit = new ConcurrencyLimit(0);
        var heard = new List<int>();
        limit.Changed += heard.Add;

        limit.Set(-5);
        limit.Set(40);

        limit.Limit.Should().Be(40);
        heard.Should().Equal(1, 40);
    }
}

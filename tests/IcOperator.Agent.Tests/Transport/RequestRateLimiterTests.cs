using IcOperator.Agent.Tests.Support;
using IcOperator.Agent.Transport;

namespace IcOperator.Agent.Tests.Transport;

public class RequestRateLimiterTests
{
    [Fact]
    public async Task A_burst_of_one_seconds_worth_passes_then_requests_wait_for_tokens()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var limiter = new RequestRateLimiter(2, clock);
        await limiter.WaitAsync(CancellationToken.None);
        await limiter.WaitAsync(CancellationToken.None);

        var third = limiter.WaitAsync(CancellationToken.None);
        third.IsCompleted.Should().BeFalse("the bucket of 2 is empty");
        clock.PendingTimers.Should().Be(1);

        clock.Advance(TimeSpan.FromMilliseconds(400));
        third.IsCompleted.Should().BeFalse("half a second buys the next token at 2 per second");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await third.WaitAsync(TimeSpan.FromSeconds(10));

        var fourth = limiter.WaitAsync(CancellationToken.None);
        fourth.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Waiting_is_cancellable()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var limiter = new RequestRateLimiter(1, clock);
        await limiter.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.WaitAsync(cancel.Token);
        await cancel.CancelAsync();
        await ((Func<Task>)(() => waiting)).Should().ThrowAsync<OperationCanceledException>();
    }
}

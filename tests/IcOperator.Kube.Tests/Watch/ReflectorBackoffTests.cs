using IcOperator.Kube.Tests.Fakes;
using IcOperator.Kube.Watch;

namespace IcOperator.Kube.Tests.Watch;

public sealed class ReflectorBackoffTests
{
    [Fact]
    public void Delays_double_from_800ms_to_30s_each_with_up_to_100_percent_jitter()
    {
        var clock = new ManualClock();
        var backoff = new ReflectorBackoff(clock, new Random(42));
        var jitter = new Random(42);
        var bases = new[] { 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30, 30, 30 };

        foreach (var seconds in bases)
        {
            var expected = TimeSpan.FromSeconds(seconds);
            var delay = backoff.Next();
            delay.Should().Be(expected + (expected * jitter.NextDouble()));
            delay.Should().BeGreaterThanOrEqualTo(expected).And.BeLessThanOrEqualTo(expected * 2);
            clock.Advance(delay);
        }
    }

    [Fact]
    public void Two_quiet_minutes_or_a_success_start_the_backoff_over()
    {
        var clock = new ManualClock();
        var backoff = new ReflectorBackoff(clock, new Random(1));
        for (var i = 0; i < 6; i++)
        {
            backoff.Next();
        }

        clock.Advance(TimeSpan.FromMinutes(2.5));
        backoff.Next().Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(1.6));

        backoff.Next();
        backoff.Next();
        backoff.Reset();
        backoff.Next().Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(1.6));
    }
}

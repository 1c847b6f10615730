using IcOperator.Kube.Queue;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.Queue;

public sealed class RateLimiterTests
{
    [Fact]
    public void Exponential_backoff_doubles_from_5ms_and_stops_at_1000s()
    {
        var limiter = new ExponentialFailureRateLimiter<string>(RateLimiters.DefaultBaseDelay, RateLimiters.DefaultMaxDelay);
        var delays = Enumerable.Range(0, 30).Select(_ => limiter.When("a")).ToList();

        delays[0].Should().Be(TimeSpan.FromMilliseconds(5));
        delays[1].Should().Be(TimeSpan.FromMilliseconds(10));
        delays[10].Should().Be(TimeSpan.FromMilliseconds(5 * 1024));
        delays[17].Should().Be(TimeSpan.FromMilliseconds(5 * 131072));
        delays[18].Should().Be(TimeSpan.FromSeconds(1000), "5 ms × 2^18 = 1310 s is past the cap");
        delays[29].Should().Be(TimeSpan.FromSeconds(1000));
        limiter.When("b").Should().Be(TimeSpan.FromMilliseconds(5), "backoff is per key");
    }

    [Fact]
    public void Token_bucket_allows_a_burst_of_100_then_10_per_second()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucketRateLimiter<string>(10, 100, clock);

        var burst = Enumerable.Range(0, 100).Select(i => bucket.When($"k{i}")).ToList();
        burst.Should().OnlyContain(d => d == TimeSpan.Zero);

        bucket.When("x").Should().Be(TimeSpan.FromMilliseconds(100));
        bucket.When("y").Should().Be(TimeSpan.FromMilliseconds(200), "each reservation waits behind the previous one");

        // One second refills ten tokens; two were owed, eight are free, the ninth must wait.
        clock.Advance(TimeSpan.FromSeconds(1));
        Enumerable.Range(0, 8).Select(i => bucket.When($"r{i}")).Should().OnlyContain(d => d == TimeSpan.Zero);
        bucket.When("z").Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Token_bucket_refills_no_higher_than_its_burst()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucketRateLimiter<string>(10, 100, clock);
        clock.Advance(TimeSpan.FromHours(1));
        Enumerable.Range(0, 100).Select(i => bucket.When($"k{i}")).Should().OnlyContain(d => d == TimeSpan.Zero);
        bucket.When("over").Should().BeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public void Default_controller_limiter_takes_the_longer_of_backoff_and_bucket()
    {
        var clock = new ManualClock();
        var limiter = RateLimiters.DefaultController<string>(clock);

        // 100 different keys drain the bucket without backing off any one of them.
        for (var i = 0; i < 100; i++)
        {
            limiter.When($"k{i}").Should().Be(TimeSpan.FromMilliseconds(5));
        }

        limiter.When("fresh").Should().Be(TimeSpan.FromMilliseconds(100), "the empty bucket outweighs the 5 ms backoff");
        limiter.NumRequeues("k0").Should().Be(1);
        limiter.Forget("k0");
        limiter.NumRequeues("k0").Should().Be(0);
    }
}

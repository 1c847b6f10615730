using System.Net;
using IcOperator.Kube.Client;
using IcOperator.Kube.LeaderElection;
using IcOperator.Kube.Resources;
using IcOperator.Kube.Tests.Fakes;

namespace IcOperator.Kube.Tests.LeaderElection;

public sealed class LeaderElectorTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private readonly FakeCluster cluster = new();
    private readonly ManualClock clock = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> timeline = [];
    private readonly Lock sync = new();
    private readonly ListLogger logger;
    private string? leader;

    public LeaderElectorTests() => logger = new ListLogger(() => $"{clock.GetUtcNow():mm:ss.f} ");
    private int bothLeading;

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        cluster.Dispose();
    }

    private static LeaderElectionOptions Options(string identity) =>
        new() { LeaseName = "ic-operator", LeaseNamespace = "ops", Identity = identity };

    private readonly List<LeaderElector> electors = [];

    private (LeaderElector Elector, IKubeClient Client) Candidate(string identity, RecordingRuntimeMetrics? metrics = null)
    {
        var client = cluster.NewClient(userAgent: identity);
        var elector = new LeaderElector(client, Options(identity), clock, logger, metrics, new Random(identity.Length));
        electors.Add(elector);
        return (elector, client);
    }

    /// <summary>Every elector's leader work has started or finished in step with its lease state.</summary>
    private bool WorkInStepWithLeases()
    {
        lock (sync)
        {
            return electors.All(e => e.IsLeader == (leader == e.Identity));
        }
    }

    /// <summary>Campaigns forever, marking who leads; flags any moment two lead at once.</summary>
    private Task Campaign(LeaderElector elector, CancellationToken token) => Task.Run(
        async () =>
    {
        while (!token.IsCancellationRequested)
        {
            await elector.RunOnceAsync(
                async leading =>
                {
                    lock (sync)
                    {
                        if (leader is not null)
                        {
                            bothLeading++;
                        }

                        leader = elector.Identity;
                        timeline.Add($"{clock.GetUtcNow():mm:ss.f} {elector.Identity} starts");
                    }

                    try
                    {
                        await Task.Delay(Timeout.InfiniteTimeSpan, leading);
                    }
                    finally
                    {
                        lock (sync)
                        {
                            leader = null;
                            timeline.Add($"{clock.GetUtcNow():mm:ss.f} {elector.Identity} stops");
                        }
                    }
                },
                token);
        }
    },
        CancellationToken.None);

    private string? Leader
    {
        get
        {
            lock (sync)
            {
                return leader;
            }
        }
    }

    /// <summary>Moves the clock in small steps, letting every campaign loop reach its next timer before the next step.</summary>
    private async Task AdvanceUntil(Func<bool> condition, string what, TimeSpan limit, int loops = 2)
    {
        var end = clock.GetUtcNow() + limit;
        while (!condition())
        {
            if (clock.GetUtcNow() >= end)
            {
                throw new TimeoutException($"{what} did not happen within {limit}; timeline: {string.Join(" | ", timeline)}\n{string.Join("\n", logger.Messages)}");
            }

            await Eventually.TrueAsync(() => clock.ArmedTimers >= loops && cluster.Server.InFlight == 0 && WorkInStepWithLeases(), "campaign loops waiting on the clock, leader work in step");
            clock.Advance(Step);
            await Eventually.TrueAsync(WorkInStepWithLeases, "leader work in step with the lease");
        }
    }

    private V1Lease StoredLease() => cluster.Client.GetAsync(CoreResources.Leases, "ic-operator", "ops").GetAwaiter().GetResult();

    [Fact]
    public async Task A_lone_candidate_creates_the_lease_and_renews_it_every_retry_period()
    {
        var metrics = new RecordingRuntimeMetrics();
        var (a, _) = Candidate("op-a", metrics);
        _ = Campaign(a, stop.Token);
        await Eventually.TrueAsync(() => Leader == "op-a", "op-a leads");

        var lease = StoredLease();
        lease.Spec!.HolderIdentity.Should().Be("op-a");
        lease.Spec.LeaseDurationSeconds.Should().Be(15);
        lease.Spec.LeaseTransitions.Should().Be(0);
        var firstRenew = lease.Spec.RenewTime;
        metrics.Lease("ic-operator").IsLeading.Should().BeTrue();

        await AdvanceUntil(() => StoredLease().Spec!.RenewTime > firstRenew, "a renewal", TimeSpan.FromSeconds(3), loops: 1);
        (StoredLease().Spec!.RenewTime - firstRenew).Should().Be(TimeSpan.FromSeconds(2));
        StoredLease().Spec!.AcquireTime.Should().Be(lease.Spec.AcquireTime, "renewing keeps the acquire time");
    }

    [Fact]
    public async Task A_leader_renews_with_the_lease_it_last_wrote_and_reads_it_only_after_a_write_it_did_not_make()
    {
        var (a, _) = Candidate("op-a");
        _ = Campaign(a, stop.Token);
        await Eventually.TrueAsync(() => Leader == "op-a", "op-a leads");
        var before = LeaseRequests();

        await AdvanceUntil(() => clock.GetUtcNow() >= new DateTimeOffset(2026, 11, 20, 12, 0, 20, TimeSpan.Zero), "20 s of renewals", TimeSpan.FromSeconds(21), loops: 1);
        var renewals = LeaseRequests().Skip(before.Count).ToList();
        renewals.Should().HaveCountGreaterThanOrEqualTo(9).And.OnlyContain(m => m == "PUT", "a leader writes its renewal without reading the lease first");
        Leader.Should().Be("op-a");

        // Someone else writes the lease (an administrator hands it over): the next renewal's PUT is refused as stale, the
        // leader reads the lease, sees a live holder that is not itself and stops leading when its renew deadline passes.
        var taken = StoredLease();
        taken.Spec!.HolderIdentity = "op-x";
        taken.Spec.RenewTime = clock.GetUtcNow().UtcDateTime;
        var handedOver = await cluster.Client.ReplaceAsync(CoreResources.Leases, taken);
        var beforeHandover = LeaseRequests().Count;
        await AdvanceUntil(() => Leader is null, "op-a stops leading", TimeSpan.FromSeconds(12), loops: 1);
        LeaseRequests().Skip(beforeHandover).Should().ContainInOrder("PUT", "GET");
        StoredLease().Spec!.HolderIdentity.Should().Be("op-x", "the stale renewal did not overwrite the new holder");
        StoredLease().Metadata.ResourceVersion.Should().Be(handedOver.Metadata.ResourceVersion);
    }

    /// <summary>The methods of the requests made on leases so far, in order (the test reads and writes only outside the spans it counts).</summary>
    private List<string> LeaseRequests() =>
        cluster.Server.Requests.Where(r => r.PathAndQuery.Contains("/leases", StringComparison.Ordinal)).Select(r => r.Method).ToList();

    [Fact]
    public async Task A_partitioned_leader_stops_before_the_other_takes_over_within_the_lease_duration()
    {
        var (a, _) = Candidate("op-a");
        var (b, _) = Candidate("op-b");
        _ = Campaign(a, stop.Token);
        await Eventually.TrueAsync(() => Leader == "op-a", "op-a leads");
        _ = Campaign(b, stop.Token);

        // op-b cannot take a lease that is being renewed.
        await AdvanceUntil(() => false || clock.GetUtcNow() >= new DateTimeOffset(2026, 11, 20, 12, 0, 30, TimeSpan.Zero), "30 s of renewals", TimeSpan.FromSeconds(31));
        Leader.Should().Be("op-a");

        // op-a loses the API server.
        var lastRenew = StoredLease().Spec!.RenewTime!.Value;
        cluster.Server.Interceptor = r => r.Headers.UserAgent.ToString().Contains("op-a")
            ? FakeApiServer.StatusResponse(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "partitioned")
            : null;
        DateTimeOffset? stoppedAt = null;
        await AdvanceUntil(
            () =>
            {
                if (Leader is null && stoppedAt is null)
                {
                    stoppedAt = clock.GetUtcNow();
                }

                return Leader == "op-b";
            },
            "op-b takes over",
            TimeSpan.FromSeconds(30));

        var takenAt = clock.GetUtcNow();
        bothLeading.Should().Be(0, string.Join(" | ", timeline));
        stoppedAt.Should().NotBeNull();
        (stoppedAt!.Value - lastRenew).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(10) + Step, "op-a stops within the renew deadline");
        (takenAt - lastRenew).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(15), "op-b waits out the lease");
        (takenAt - lastRenew).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(15) + TimeSpan.FromSeconds(2 * 2.2) + Step, "op-b takes over at its next retry after expiry");
        StoredLease().Spec!.LeaseTransitions.Should().Be(1);

        // Healed, op-a sees a live lease held by op-b and stays a follower.
        cluster.Server.Interceptor = null;
        await AdvanceUntil(() => clock.GetUtcNow() >= takenAt + TimeSpan.FromSeconds(30), "30 s more", TimeSpan.FromSeconds(31));
        Leader.Should().Be("op-b");
        bothLeading.Should().Be(0);
    }

    [Fact]
    public async Task A_leader_that_stops_cleanly_releases_the_lease_so_the_next_starts_at_once()
    {
        using var stopA = new CancellationTokenSource();
        var (a, _) = Candidate("op-a");
        var (b, _) = Candidate("op-b");
        var runA = Campaign(a, stopA.Token);
        await Eventually.TrueAsync(() => Leader == "op-a", "op-a leads");
        _ = Campaign(b, stop.Token);
        await AdvanceUntil(() => clock.GetUtcNow() >= new DateTimeOffset(2026, 11, 20, 12, 0, 5, TimeSpan.Zero), "5 s", TimeSpan.FromSeconds(6));

        await stopA.CancelAsync();
        await runA.WaitAsync(TimeSpan.FromSeconds(10));
        StoredLease().Spec!.HolderIdentity.Should().BeEmpty();
        var releasedAt = clock.GetUtcNow();

        await AdvanceUntil(() => Leader == "op-b", "op-b takes over", TimeSpan.FromSeconds(15), loops: 1);
        (clock.GetUtcNow() - releasedAt).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(2 * 2.2) + Step, "no need to wait for expiry");
        bothLeading.Should().Be(0);
    }

    [Fact]
    public void Timings_that_would_allow_two_leaders_are_refused()
    {
        FluentActions.Invoking(() => new LeaderElector(cluster.Client, Options("x") with { RenewDeadline = TimeSpan.FromSeconds(15) }))
            .Should().Throw<ArgumentException>().WithMessage("*LeaseDuration*RenewDeadline*");
        FluentActions.Invoking(() => new LeaderElector(cluster.Client, Options("x") with { RetryPeriod = TimeSpan.FromSeconds(10) }))
            .Should().Throw<ArgumentException>().WithMessage("*RenewDeadline*RetryPeriod*");
    }
}

using IcOperator.Agent.Bls;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Transport;
using IcOperator.Candid;
using IcOperator.Controllers;
using IcOperator.Emulators.Ic;

namespace IcOperator.Tests.Controllers;

/// <summary>
/// The canister ranges creates choose their ids in, read through the IC emulator: one read shared by concurrent creates,
/// read again once older than <see cref="HostingSubnets.MaxAge"/>, after <see cref="HostingSubnets.Forget"/> or after a failed read.
/// </summary>
public sealed class HostingSubnetsTests : IAsyncLifetime
{
    private readonly Ed25519Identity identity = Ed25519Identity.Generate();
    private readonly SteppedClock clock = new(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
    private IcEmulator ic = null!;
    private HttpAgent agent = null!;

    public async Task InitializeAsync()
    {
        ic = await IcEmulator.StartAsync();
        agent = new HttpAgent(new HttpAgentOptions { Url = ic.Url, Identity = identity, RootKeySource = RootKeySource.Fetch, SignatureVerifier = new Bls12381SignatureVerifier() });
    }

    public async Task DisposeAsync()
    {
        agent.Dispose();
        await ic.DisposeAsync();
        identity.Dispose();
    }

    [Fact]
    public async Task Concurrent_creates_share_one_read_of_the_subnet_s_ranges()
    {
        var subnets = new HostingSubnets(clock);
        var routing = Principal.FromCanisterIndex(0);

        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => subnets.GetAsync(agent, null, routing, CancellationToken.None)));

        reads.Select(r => r.SubnetId).Distinct().Should().Equal([ic.SubnetId], "every create learns the subnet that hosts the routing id");
        reads[0].Ranges.Contains(routing).Should().BeTrue();
        SubnetReads().Should().Be(1, "the eight creates waited on one read_state");
    }

    [Fact]
    public async Task Ranges_are_read_again_once_older_than_the_max_age_and_not_before()
    {
        var subnets = new HostingSubnets(clock);
        var routing = Principal.FromCanisterIndex(0);
        await subnets.GetAsync(agent, null, routing, CancellationToken.None);

        clock.Advance(HostingSubnets.MaxAge);
        await subnets.GetAsync(agent, null, routing, CancellationToken.None);
        SubnetReads().Should().Be(1, "ranges exactly as old as the max age are still trusted");

        clock.Advance(TimeSpan.FromSeconds(1));
        await subnets.GetAsync(agent, null, routing, CancellationToken.None);
        await subnets.GetAsync(agent, null, routing, CancellationToken.None);
        SubnetReads().Should().Be(2, "older ranges are read once more, and that read is shared again");
    }

    [Fact]
    public async Task Ranges_forgotten_after_a_refused_create_are_read_again_by_the_next_create()
    {
        var subnets = new HostingSubnets(clock);
        var routing = Principal.FromCanisterIndex(0);
        await subnets.GetAsync(agent, null, routing, CancellationToken.None);

        subnets.Forget(null);
        var again = await subnets.GetAsync(agent, null, routing, CancellationToken.None);

        again.SubnetId.Should().Be(ic.SubnetId);
        SubnetReads().Should().Be(2);
    }

    [Fact]
    public async Task Prefetch_reads_the_ranges_the_first_create_then_uses()
    {
        var subnets = new HostingSubnets(clock);
        var routing = Principal.FromCanisterIndex(0);

        subnets.Prefetch(agent, routing);
        var ranges = await subnets.GetAsync(agent, null, routing, CancellationToken.None);

        ranges.SubnetId.Should().Be(ic.SubnetId);
        SubnetReads().Should().Be(1, "the create waited on the read the prefetch started");
    }

    [Fact]
    public async Task A_failed_read_is_not_kept_and_the_next_create_reads_again()
    {
        var subnets = new HostingSubnets(clock);
        var routing = Principal.FromCanisterIndex(0);
        // One attempt per read, and the root key given, so the only request a read makes is its read_state.
        using var single = new HttpAgent(new HttpAgentOptions { Url = ic.Url, Identity = identity, RootKeySource = RootKeySource.Explicit, RootKey = ic.RootKeyDer, SignatureVerifier = new Bls12381SignatureVerifier(), MaxAttempts = 1 });

        ic.Faults.UnavailableShare = 1;
        var first = () => subnets.GetAsync(single, null, routing, CancellationToken.None);
        await first.Should().ThrowAsync<Exception>("the IC answers 503 to every request");
        ic.Faults.UnavailableShare = 0;
        var again = await subnets.GetAsync(single, null, routing, CancellationToken.None);

        again.SubnetId.Should().Be(ic.SubnetId, "the failure was dropped, not handed to the next create");
        SubnetReads().Should().Be(1, "the second create read the ranges itself");
    }

    private int SubnetReads() => ic.Counters.ReadStates.Count(r => r.Roots.SequenceEqual(["subnet"]));

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}

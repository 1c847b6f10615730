using System.Net;
using System.Numerics;
using IcOperator.Agent.Certificates;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Certification;
using IcOperator.Emulators.Ic.Counters;
using IcOperator.Emulators.Ic.Cycles;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Faults;
using IcOperator.Emulators.Ic.Http;
using IcOperator.Emulators.Ic.Requests;
using IcOperator.Emulators.Ic.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IcOperator.Emulators.Ic;

/// <summary>
/// An in-process IC replica with one subnet, served over HTTP on 127.0.0.1: the IC's HTTP interface with
/// certificates signed by its own root key, the management canister, a cycles ledger, test canisters.
/// </summary>
public sealed class IcEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IcReplica replica;
    private const ulong SecondSubnetFirstIndex = 0x2000000;
    private const ulong SecondSubnetSize = 0x100000;

    private readonly SubnetKeys keys;
    private SubnetKeys? secondSubnetKeys;

    private readonly CertificationRounds rounds;

    private IcEmulator(WebApplication app, IcReplica replica, SubnetKeys keys, CertificationRounds rounds, Uri url)
    {
        this.rounds = rounds;
        this.app = app;
        this.replica = replica;
        this.keys = keys;
        Url = url;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The DER-encoded BLS root key (what <c>/api/v2/status</c> serves and agents must trust).</summary>
    public byte[] RootKeyDer => keys.RootKeyDer;

    public string RootKeyHex => Convert.ToHexStringLower(keys.RootKeyDer);

    /// <summary>The subnet id: the self-authenticating principal of the root key.</summary>
    public Principal SubnetId => keys.SubnetId;

    /// <summary>The node whose Ed25519 key signs query responses.</summary>
    public Principal NodeId => keys.NodeId;

    public static Principal CyclesLedgerId => CyclesLedger.Id;

    public IcFaults Faults => replica.State.Faults;

    public IcCounters Counters => replica.State.Counters;

    public TimeProvider Clock => replica.State.Clock;

    /// <summary>Certification rounds signed so far: responses that waited together share one.</summary>
    public long CertificationRounds => rounds.Rounds;

    public static async Task<IcEmulator> StartAsync(IcEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new IcEmulatorOptions();
        var keys = new SubnetKeys(options.KeySeed);
        var second = options.SecondSubnet ? new SubnetKeys(options.KeySeed, "second-subnet") : null;
        var replica = new IcReplica(options.Clock, new IcCounters(options.LogCapacity), new IcFaults(), options.FirstCanisterIndex, new CandidTextCodec(), options.InstructionLimits);
        var requests = new RequestStatusStore(options.Clock, options.RequestStatusRetention);
        var root = new SubnetPlacement(keys.SubnetId, keys.RootKeyDer, second is null ? StateTree.Ranges : FirstSubnetRanges);
        replica.State.Subnets = second is null ? [root] : [root, new SubnetPlacement(second.SubnetId, second.RootKeyDer, SecondSubnetRanges)];
        var rounds = new CertificationRounds(new StateTree(replica.State, requests, keys), keys, options.CertificationRound);
        List<EmulatedSubnet> subnets = [new EmulatedSubnet(keys, root.Ranges, rounds)];
        if (second is not null)
        {
            var delegation = EmulatedSubnet.Delegate(keys, replica.State.Subnets[1], options.Clock.GetUtcNow());
            subnets.Add(new EmulatedSubnet(second, SecondSubnetRanges, new CertificationRounds(new StateTree(replica.State, requests, second), second, options.CertificationRound, delegation)));
        }

        var ingress = new IngressSchedule(options.UpdateLatency, options.IngressMessagesPerSecond);
        var api = new IcHttpApi(replica, requests, subnets, ingress, new EnvelopeValidator(options.Clock));

        // An empty builder: no appsettings or ASPNETCORE_* variables of the hosting process add endpoints or logging.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(IcEmulator).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            // The API reads bodies itself so that oversize requests get the replica's message.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        api.Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IcEmulator(app, replica, keys, rounds, new Uri(address.EndsWith('/') ? address : address + "/")) { secondSubnetKeys = second };
    }

    /// <summary>The second subnet's id, when <see cref="IcEmulatorOptions.SecondSubnet"/> added one.</summary>
    public Principal? SecondSubnetId => secondSubnetKeys?.SubnetId;

    /// <summary>The subnet whose canister ranges hold <paramref name="canisterId"/>.</summary>
    public Principal SubnetOf(Principal canisterId) => replica.State.SubnetOf(canisterId) ?? keys.SubnetId;

    /// <summary>A copy of a canister's state, or null when there is no such canister.</summary>
    public CanisterView? GetCanister(Principal canisterId)
    {
        lock (replica.State.Gate)
        {
            if (replica.State.Find(canisterId) is not { } canister)
            {
                return null;
            }

            replica.State.Accrue(canister);
            return ReplicatedState.View(canister);
        }
    }

    /// <summary>How long the canister has not been running (stopping or stopped) since it was created; null when there is no such canister.</summary>
    public TimeSpan? CanisterDowntime(Principal canisterId)
    {
        lock (replica.State.Gate)
        {
            return replica.State.Find(canisterId)?.Downtime(replica.State.Now);
        }
    }

    public IReadOnlyList<CanisterView> GetCanisters()
    {
        lock (replica.State.Gate)
        {
            return replica.State.Canisters.Select(c =>
            {
                replica.State.Accrue(c);
                return ReplicatedState.View(c);
            }).ToList();
        }
    }

    /// <summary>Credits a cycles ledger account (as a deposit would) and returns the block index.</summary>
    public BigInteger MintCycles(Principal owner, BigInteger amount, byte[]? subaccount = null)
    {
        lock (replica.State.Gate)
        {
            return replica.Ledger.Mint(owner, subaccount, amount);
        }
    }

    public BigInteger CyclesLedgerBalance(Principal owner, byte[]? subaccount = null)
    {
        lock (replica.State.Gate)
        {
            return replica.Ledger.BalanceOf(owner, subaccount);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        keys.Dispose();
        secondSubnetKeys?.Dispose();
    }

    /// <summary>The first subnet's ranges beside a second subnet: every canister id but the second subnet's.</summary>
    private static readonly CanisterRanges FirstSubnetRanges = new([
        (Principal.FromCanisterIndex(0), Principal.FromCanisterIndex(SecondSubnetFirstIndex - 1)),
        (Principal.FromCanisterIndex(SecondSubnetFirstIndex + SecondSubnetSize), Principal.FromCanisterIndex(ulong.MaxValue))]);

    private static readonly CanisterRanges SecondSubnetRanges = new([
        (Principal.FromCanisterIndex(SecondSubnetFirstIndex), Principal.FromCanisterIndex(SecondSubnetFirstIndex + SecondSubnetSize - 1))]);
}

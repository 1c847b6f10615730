using System.Collections.Concurrent;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Transport;
using IcOperator.Candid;

namespace IcOperator.Controllers;

/// <summary>
/// The canister ranges new canisters get their ids in, per subnet of one network connection: read once and shared by
/// every create, so a create does not wait on a read_state. An entry is read again once older than <see cref="MaxAge"/>,
/// after a failed read, or after a create in its ranges was refused (<see cref="Forget"/>); a network whose spec
/// changes gets a new connection and so an empty cache.
/// </summary>
internal sealed class HostingSubnets(TimeProvider? clock = null)
{
    /// <summary>How long ranges are trusted: subnets split or gain ranges rarely, and a create outside them is refused, not misplaced.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The ranges of <paramref name="subnet"/>, or of the subnet that hosts <paramref name="routing"/> when none is named;
    /// concurrent creates share one read.
    /// </summary>
    public Task<SubnetCanisterRanges> GetAsync(IIcAgent agent, Principal? subnet, Principal routing, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var key = KeyOf(subnet);
        var entry = entries.AddOrUpdate(key, _ => Start(agent, subnet, routing, now), (_, held) => IsUsable(held, now) ? held : Start(agent, subnet, routing, now));
        return entry.Read.WaitAsync(cancellationToken);
    }

    /// <summary>Starts reading the default subnet's ranges unless they are held, so the first creates on a network that just became Ready do not wait on it.</summary>
    public void Prefetch(IIcAgent agent, Principal routing)
    {
        var now = clock.GetUtcNow();
        entries.AddOrUpdate(string.Empty, _ => Start(agent, null, routing, now), (_, held) => IsUsable(held, now) ? held : Start(agent, null, routing, now));
    }

    /// <summary>Drops what is held for <paramref name="subnet"/> (null: the default subnet), so the next create reads the ranges again.</summary>
    public void Forget(Principal? subnet) => entries.TryRemove(KeyOf(subnet), out _);

    /// <summary>
    /// Whether a held read may be shared: not past <see cref="MaxAge"/> and not failed. A failed one is checked for here
    /// too, since its removal below runs after the failure, and a caller that saw the failure may ask again first.
    /// </summary>
    private static bool IsUsable(Entry held, DateTimeOffset now) => now - held.ReadAt <= MaxAge && !held.Read.IsFaulted && !held.Read.IsCanceled;

    private Entry Start(IIcAgent agent, Principal? subnet, Principal routing, DateTimeOffset now)
    {
        // Not bound to one caller's cancellation: other creates wait on the same read.
        var read = subnet is null
            ? agent.ReadHostingSubnetAsync(routing, CancellationToken.None)
            : ReadNamedAsync(agent, subnet);
        var entry = new Entry(read, now);
        // A failed read is not kept: the next create reads again (and the failure is observed here, not left unobserved).
        _ = read.ContinueWith(failed => entries.TryRemove(KeyValuePair.Create(KeyOf(subnet), entry)) && failed.Exception is not null, CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return entry;
    }

    private static async Task<SubnetCanisterRanges> ReadNamedAsync(IIcAgent agent, Principal subnet) =>
        new(subnet, await agent.ReadCanisterRangesOfSubnetAsync(subnet, CancellationToken.None));

    private static string KeyOf(Principal? subnet) => subnet?.ToString() ?? string.Empty;

    private sealed record Entry(Task<SubnetCanisterRanges> Read, DateTimeOffset ReadAt);
}

using IcOperator.Kube.Client;
using IcOperator.Kube.Instrumentation;
using IcOperator.Kube.Resources;
using Microsoft.Extensions.Logging;

namespace IcOperator.Kube.LeaderElection;

/// <summary>
/// Acquires and renews a coordination.k8s.io/v1 Lease. While it holds the lease it runs the leader's work
/// with a token that is cancelled, and awaited, as soon as a renewal has failed for the renew deadline.
/// Other candidates judge expiry by their own clock from when they last saw the lease change, as client-go
/// does, so clock skew between hosts does not matter.
/// </summary>
public sealed class LeaderElector
{
    private readonly IKubeClient client;
    private readonly LeaderElectionOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Random random;
    private readonly ILeaderElectionMetrics metrics;
    private (string? Holder, DateTime? RenewTime, int? Transitions) observedRecord;
    private DateTimeOffset observedTime;
    private V1Lease? ownLease;
    private volatile bool isLeader;

    public LeaderElector(IKubeClient client, LeaderElectionOptions options, TimeProvider? clock = null, ILogger? logger = null, IRuntimeMetrics? metrics = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.client = client;
        this.options = options;
        this.clock = clock ?? TimeProvider.System;
        this.logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        this.random = random ?? Random.Shared;
        this.metrics = (metrics ?? NoRuntimeMetrics.Instance).LeaderElection(options.LeaseName);
        this.metrics.Leading(false);
    }

    public string Identity => options.Identity;

    public bool IsLeader => isLeader;

    /// <summary>
    /// Campaigns until leading, runs <paramref name="lead"/> while leading, and returns when leadership is lost
    /// (after <paramref name="lead"/> has returned) or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task RunOnceAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (!await AcquireAsync(cancellationToken))
        {
            return;
        }

        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => lead(leading.Token), CancellationToken.None);
        try
        {
            await RenewUntilLostAsync(work, leading.Token);
        }
        finally
        {
            // Stop the leader's work first and wait for it: nobody may act as leader once we are not.
            await leading.CancelAsync();
            try
            {
                await work;
            }
            catch (OperationCanceledException)
            {
            }
#pragma warning disable CA1031 // The work's failure is logged; leadership must still be given up cleanly.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Leader work for lease {Lease} failed", options.LeaseName);
            }

            isLeader = false;
            metrics.Leading(false);
            if (cancellationToken.IsCancellationRequested && options.ReleaseOnCancel)
            {
                await ReleaseAsync();
            }
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("{Identity} campaigning for lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
        while (!cancellationToken.IsCancellationRequested)
        {
            bool acquired;
            using (var timeout = new CancellationTokenSource(options.RenewDeadline, clock))
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                // A hung request must not stall the campaign: each attempt has the renew deadline.
                acquired = await TryAcquireOrRenewAsync(attempt.Token);
            }

            if (acquired)
            {
                isLeader = true;
                metrics.Leading(true);
                logger.LogInformation("{Identity} acquired lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
                return true;
            }

            if (!await DelayAsync(Jittered(options.RetryPeriod), cancellationToken))
            {
                return false;
            }
        }

        return false;
    }

    private async Task RenewUntilLostAsync(Task work, CancellationToken leadingToken)
    {
        var lastRenew = clock.GetUtcNow();
        while (!leadingToken.IsCancellationRequested && !work.IsCompleted)
        {
            if (!await DelayAsync(options.RetryPeriod, leadingToken))
            {
                return;
            }

            var remaining = options.RenewDeadline - (clock.GetUtcNow() - lastRenew);
            var renewed = false;
            if (remaining > TimeSpan.Zero)
            {
                using var timeout = new CancellationTokenSource(remaining, clock);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(leadingToken, timeout.Token);
                renewed = await TryAcquireOrRenewAsync(attempt.Token);
            }

            if (renewed)
            {
                lastRenew = clock.GetUtcNow();
            }
            else if (clock.GetUtcNow() - lastRenew >= options.RenewDeadline)
            {
                logger.LogWarning("{Identity} lost lease {Namespace}/{Lease}: not renewed within {RenewDeadline}", options.Identity, options.LeaseNamespace, options.LeaseName, options.RenewDeadline);
                return;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await TryRenewAsObservedAsync(now, cancellationToken))
        {
            return true;
        }

        try
        {
            var lease = await client.TryGetAsync(CoreResources.Leases, options.LeaseName, options.LeaseNamespace, cancellationToken);
            if (lease is null)
            {
                var created = new V1Lease
                {
                    Metadata = new V1ObjectMeta { Name = options.LeaseName, NamespaceProperty = options.LeaseNamespace },
                    Spec = NewSpec(now.UtcDateTime, now.UtcDateTime, transitions: 0),
                };
                created = await client.CreateAsync(CoreResources.Leases, created, cancellationToken);
                Observe(created, now);
                return true;
            }

            var spec = lease.Spec ?? new V1LeaseSpec();
            var record = (spec.HolderIdentity, spec.RenewTime, spec.LeaseTransitions);
            if (record != observedRecord)
            {
                observedRecord = record;
                observedTime = now;
            }

            var heldByOther = !string.IsNullOrEmpty(spec.HolderIdentity) && spec.HolderIdentity != options.Identity;
            var duration = spec.LeaseDurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.LeaseDuration;
            if (heldByOther && observedTime + duration > now)
            {
                return false;
            }

            lease.Spec = spec.HolderIdentity == options.Identity
                ? NewSpec(spec.AcquireTime ?? now.UtcDateTime, now.UtcDateTime, spec.LeaseTransitions ?? 0)
                : NewSpec(now.UtcDateTime, now.UtcDateTime, (spec.LeaseTransitions ?? 0) + 1);

            // The PUT carries the resourceVersion read above: a rival's concurrent write makes it a 409.
            var updated = await client.ReplaceAsync(CoreResources.Leases, lease, cancellationToken);
            Observe(updated, now);
            return true;
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            logger.LogDebug("{Identity} could not acquire or renew lease {Lease}: {Error}", options.Identity, options.LeaseName, e.Message);
            return false;
        }
    }

    /// <summary>
    /// The leader renews the lease as it last wrote it, without reading it first (client-go's fast path): the PUT carries
    /// that resourceVersion, so any other write since makes it a 409 and the renewal reads the lease as a candidate does.
    /// </summary>
    private async Task<bool> TryRenewAsObservedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!isLeader || ownLease is not { Spec: { } spec } lease || observedTime + options.LeaseDuration <= now)
        {
            return false;
        }

        try
        {
            var renewed = new V1Lease
            {
                Metadata = lease.Metadata,
                Spec = NewSpec(spec.AcquireTime ?? now.UtcDateTime, now.UtcDateTime, spec.LeaseTransitions ?? 0),
            };
            Observe(await client.ReplaceAsync(CoreResources.Leases, renewed, cancellationToken), now);
            return true;
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            ownLease = null;
            logger.LogDebug("{Identity} could not renew lease {Lease} as last written, reading it: {Error}", options.Identity, options.LeaseName, e.Message);
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(options.RenewDeadline, clock);
            var lease = await client.TryGetAsync(CoreResources.Leases, options.LeaseName, options.LeaseNamespace, timeout.Token);
            if (lease?.Spec?.HolderIdentity != options.Identity)
            {
                return;
            }

            var now = clock.GetUtcNow();
            lease.Spec = new V1LeaseSpec
            {
                HolderIdentity = string.Empty,
                LeaseDurationSeconds = 1,
                AcquireTime = now.UtcDateTime,
                RenewTime = now.UtcDateTime,
                LeaseTransitions = lease.Spec.LeaseTransitions,
            };
            await client.ReplaceAsync(CoreResources.Leases, lease, timeout.Token);
            logger.LogInformation("{Identity} released lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            logger.LogWarning("{Identity} could not release lease {Lease}: {Error}", options.Identity, options.LeaseName, e.Message);
        }
    }

    private V1LeaseSpec NewSpec(DateTime acquired, DateTime renewed, int transitions) => new()
    {
        HolderIdentity = options.Identity,
        LeaseDurationSeconds = (int)Math.Ceiling(options.LeaseDuration.TotalSeconds),
        AcquireTime = acquired,
        RenewTime = renewed,
        LeaseTransitions = transitions,
    };

    private void Observe(V1Lease lease, DateTimeOffset now)
    {
        observedRecord = (lease.Spec?.HolderIdentity, lease.Spec?.RenewTime, lease.Spec?.LeaseTransitions);
        observedTime = now;
        ownLease = lease.Spec?.HolderIdentity == options.Identity ? lease : null;
    }

    // client-go waits RetryPeriod × (1 + up to 1.2) between attempts so candidates do not collide.
    private TimeSpan Jittered(TimeSpan period) => period + (period * 1.2 * random.NextDouble());

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

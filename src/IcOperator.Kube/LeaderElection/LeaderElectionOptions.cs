namespace IcOperator.Kube.LeaderElection;

/// <summary>
/// Lease-based leader election (client-go defaults: 15 s lease, 10 s renew deadline, 2 s retry). The
/// renew deadline is shorter than the lease so a leader that cannot renew stops before anyone may take over.
/// </summary>
public sealed record LeaderElectionOptions
{
    public required string LeaseName { get; init; }

    public required string LeaseNamespace { get; init; }

    /// <summary>This candidate's identity (pod name plus a random suffix is usual).</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}_{Guid.NewGuid():N}";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>On a clean stop, give the lease up so a successor need not wait for it to expire.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    internal void Validate()
    {
        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException($"LeaseDuration ({LeaseDuration}) must be greater than RenewDeadline ({RenewDeadline})");
        }

        if (RenewDeadline <= RetryPeriod)
        {
            throw new ArgumentException($"RenewDeadline ({RenewDeadline}) must be greater than RetryPeriod ({RetryPeriod})");
        }

        if (RetryPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"RetryPeriod must be positive, found {RetryPeriod}");
        }
    }
}

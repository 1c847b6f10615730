namespace IcOperator.Orchestration;

/// <summary>What the IcNetwork controller found, gathered before readiness is judged. Holds no key material.</summary>
internal sealed record NetworkProbe
{
    public required string Url { get; init; }

    /// <summary>mainnet, fetch, or a DER root key in hex.</summary>
    public required string RootKeyPolicy { get; init; }

    public required string SecretName { get; init; }

    public required string SecretKey { get; init; }

    public bool SecretFound { get; init; }

    public bool KeyFound { get; init; }

    /// <summary>The principal derived from the identity PEM, when it parsed.</summary>
    public string? Principal { get; init; }

    /// <summary>Why the PEM did not parse, when it did not.</summary>
    public string? IdentityProblem { get; init; }

    /// <summary>Why /api/v2/status could not be read, when it could not; null when it was read (or not tried).</summary>
    public string? StatusProblem { get; init; }

    public string? ReplicaHealth { get; init; }

    public string? ImplVersion { get; init; }

    /// <summary>The root key /api/v2/status reported.</summary>
    public byte[]? ReportedRootKey { get; init; }

    /// <summary>The root key certificates will be checked against, once the policy is applied.</summary>
    public byte[]? TrustedRootKey { get; init; }
}

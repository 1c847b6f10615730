using IcOperator.Agent.Certificates;
using IcOperator.Agent.Identities;

namespace IcOperator.Agent.Transport;

/// <summary>One IC network as the agent talks to it.</summary>
public sealed record HttpAgentOptions
{
    public required Uri Url { get; init; }

    public IIdentity Identity { get; init; } = AnonymousIdentity.Instance;

    public RootKeySource RootKeySource { get; init; } = RootKeySource.Mainnet;

    /// <summary>DER root key when <see cref="RootKeySource"/> is <see cref="RootKeySource.Explicit"/>.</summary>
    public byte[]? RootKey { get; init; }

    /// <summary>Checks BLS signatures of certificates. Without it every certificate is refused unless <see cref="InsecureLocal"/>.</summary>
    public IBlsSignatureVerifier? SignatureVerifier { get; init; }

    /// <summary>An explicitly insecure local network: certificate signatures are not checked (structure, scope and time still are).</summary>
    public bool InsecureLocal { get; init; }

    /// <summary>How far ahead requests expire; the IC accepts at most 5 minutes.</summary>
    public TimeSpan IngressExpiry { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Check query replies against the subnet's node keys (read by read_state and cached).</summary>
    public bool VerifyQuerySignatures { get; init; } = true;

    public double RequestsPerSecond { get; init; } = 20;

    public int MaxConcurrentCalls { get; init; } = 8;

    /// <summary>Upper bound for one call including polling for its result.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per HTTP exchange on 429, 5xx and connection errors (the same signed request each time).</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan PollInitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan PollMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

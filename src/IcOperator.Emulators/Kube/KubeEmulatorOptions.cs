namespace IcOperator.Emulators.Kube;

/// <summary>How to start a <see cref="KubeApiEmulator"/>. Every member has a default that suits tests.</summary>
public sealed record KubeEmulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The token clients must send as <c>Authorization: Bearer …</c>; null generates one.</summary>
    public string? BearerToken { get; init; }

    /// <summary>A directory whose CRD manifests (<c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>) are installed at start.</summary>
    public string? CrdDirectory { get; init; }

    /// <summary>How many changes watches can resume from; older resourceVersions answer 410 Expired.</summary>
    public int WatchHistorySize { get; init; } = 10_000;

    /// <summary>How often a watch that allows bookmarks receives one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a watch without <c>timeoutSeconds</c> stays open.</summary>
    public TimeSpan DefaultWatchTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Serve https with a self-signed certificate (the default, and what kubectl needs to send the token);
    /// false serves plain http for clients that cannot trust a certificate.
    /// </summary>
    public bool UseTls { get; init; } = true;

    /// <summary>
    /// Authenticate by client certificate instead of the bearer token: the emulator makes a client CA
    /// (<see cref="KubeApiEmulator.ClientAuthority"/>) and answers 401 to a request without a certificate it signed.
    /// Needs <see cref="UseTls"/>.
    /// </summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>The clock for timestamps and bookmarks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

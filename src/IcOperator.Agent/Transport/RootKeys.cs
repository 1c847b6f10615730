namespace IcOperator.Agent.Transport;

/// <summary>Known root keys.</summary>
public static class RootKeys
{
    /// <summary>The IC mainnet root key (DER), as agent-rs and agent-js embed it.</summary>
    public static byte[] Mainnet => Convert.FromHexString(
        "308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100814c0e6ec71fab583b08bd81373c255c3c371b2e84863c98a4f1e08b74235d14fb5d9c0cd546d9685f913a0c0b2cc5341583bf4b4392e467db96d65b9bb4cb717112f8472e0d5a4d14505ffd7484b01291091c5f87b98883463f98091a0baaae");

    /// <summary>
    /// Whether a root key may be fetched from <c>/api/v2/status</c> at <paramref name="url"/>: only where an attacker
    /// cannot sit between us and the replica (loopback, cluster-local service names, single-label names).
    /// </summary>
    public static bool MayFetchFrom(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost;
        return url.IsLoopback
            || host.EndsWith(".svc", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".cluster.local", StringComparison.OrdinalIgnoreCase)
            || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            // A single-label name (a Service in the same namespace) resolves only inside the cluster.
            || (url.HostNameType == UriHostNameType.Dns && !host.Contains('.', StringComparison.Ordinal));
    }
}

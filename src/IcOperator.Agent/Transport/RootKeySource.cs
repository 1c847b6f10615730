namespace IcOperator.Agent.Transport;

/// <summary>How a network's root key is obtained.</summary>
public enum RootKeySource
{
    /// <summary>The built-in mainnet key.</summary>
    Mainnet,

    /// <summary>Fetched from <c>/api/v2/status</c>; only for loopback or cluster-local URLs.</summary>
    Fetch,

    /// <summary><see cref="HttpAgentOptions.RootKey"/> as given.</summary>
    Explicit,
}

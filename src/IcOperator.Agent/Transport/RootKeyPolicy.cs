namespace IcOperator.Agent.Transport;

/// <summary>
/// Which root key certificates are checked against, as an IcNetwork's <c>spec.rootKey</c> and the CLI's
/// <c>--root-key</c> write it: <c>mainnet</c> (the built-in key), <c>fetch</c> (the network's own, from
/// <c>/api/v2/status</c>: only for local networks) or a DER-encoded key in hex. The one parser of that text.
/// </summary>
public sealed record RootKeyPolicy
{
    public const string MainnetText = "mainnet";
    public const string FetchText = "fetch";

    private RootKeyPolicy(RootKeySource source, byte[]? explicitKey)
    {
        Source = source;
        ExplicitKey = explicitKey;
    }

    public RootKeySource Source { get; }

    /// <summary>The DER key when <see cref="Source"/> is <see cref="RootKeySource.Explicit"/>; else null.</summary>
    public byte[]? ExplicitKey { get; }

    /// <summary>Parses <paramref name="text"/>; a bad value throws a <see cref="FormatException"/> naming <paramref name="field"/>.</summary>
    public static RootKeyPolicy Parse(string? text, string field) =>
        TryParse(text, out var policy) ? policy! : throw new FormatException($"{field}: expected {MainnetText}, {FetchText} or a DER-encoded root key in hex");

    public static bool TryParse(string? text, out RootKeyPolicy? policy)
    {
        policy = text switch
        {
            MainnetText => new RootKeyPolicy(RootKeySource.Mainnet, null),
            FetchText => new RootKeyPolicy(RootKeySource.Fetch, null),
            { Length: > 0 } hex when hex.Length % 2 == 0 && hex.All(char.IsAsciiHexDigit) => new RootKeyPolicy(RootKeySource.Explicit, Convert.FromHexString(hex)),
            _ => null,
        };
        return policy is not null;
    }

    /// <summary>Whether this policy may be used with a network at <paramref name="url"/>: fetching its key is trusted only locally.</summary>
    public bool AllowedFor(Uri url) => Source != RootKeySource.Fetch || RootKeys.MayFetchFrom(url);

    /// <summary><paramref name="options"/> trusting this policy's key.</summary>
    public HttpAgentOptions ApplyTo(HttpAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { RootKeySource = Source, RootKey = ExplicitKey };
    }
}

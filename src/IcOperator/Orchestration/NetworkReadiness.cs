using IcOperator.Agent.Transport;
using IcOperator.Orchestration.Readiness;
using R = IcOperator.Api.V1Alpha1.IcNetworkReasons;

namespace IcOperator.Orchestration;

/// <summary>Every reason an IcNetwork can be not Ready, in the order they are checked.</summary>
internal static class NetworkReadiness
{
    public static ReadinessChain<NetworkProbe> Chain { get; } = new(
        R.Connected,
        "The network answers, its root key is trusted and the identity is loaded.",
        [
            new("UrlIsHttp", p => IsHttpUrl(p.Url) ? CheckResult.Pass : CheckResult.Fail(R.InvalidUrl, $"spec.url: expected an http or https URL, found \"{p.Url}\".")),
            new("RootKeyPolicyAllowed", p => !RootKeyPolicy.TryParse(p.RootKeyPolicy, out var policy) || policy!.Source != RootKeySource.Fetch || IsLocal(p.Url)
                ? CheckResult.Pass
                : CheckResult.Fail(R.RootKeyFetchNotAllowed, $"spec.rootKey: fetch trusts whatever key the network sends, so it is allowed only for loopback or cluster-local URLs, not {p.Url}; use mainnet or the DER root key in hex.")),
            new("RootKeyReadable", p => RootKeyPolicy.TryParse(p.RootKeyPolicy, out _)
                ? CheckResult.Pass
                : CheckResult.Fail(R.InvalidRootKey, "spec.rootKey: expected mainnet, fetch or a DER-encoded root key in hex.")),
            new("IdentitySecretExists", p => p.SecretFound
                ? CheckResult.Pass
                : CheckResult.Fail(R.IdentitySecretNotFound, $"spec.identity.secretRef: Secret {p.SecretName} does not exist in this namespace.")),
            new("IdentityKeyExists", p => p.KeyFound
                ? CheckResult.Pass
                : CheckResult.Fail(R.IdentityKeyNotFound, $"spec.identity.secretRef: Secret {p.SecretName} has no key {p.SecretKey}.")),
            new("IdentityParses", p => p.IdentityProblem is null
                ? CheckResult.Pass
                : CheckResult.Fail(R.InvalidIdentity, $"Secret {p.SecretName} key {p.SecretKey}: expected an Ed25519 (PKCS#8) or secp256k1 (SEC1) private key in PEM; {p.IdentityProblem}")),
            new("NetworkReachable", p => p.StatusProblem is null
                ? CheckResult.Pass
                : CheckResult.Fail(R.Unreachable, $"GET {p.Url.TrimEnd('/')}/api/v2/status failed: {p.StatusProblem}")),
            new("RootKeyMatches", p => p.TrustedRootKey is not null && (p.ReportedRootKey is null || p.ReportedRootKey.AsSpan().SequenceEqual(p.TrustedRootKey))
                ? CheckResult.Pass
                : CheckResult.Fail(R.RootKeyMismatch, $"The network reports root key {Fingerprint(p.ReportedRootKey)}, but spec.rootKey trusts {Fingerprint(p.TrustedRootKey)}; certificates from it would be refused.")),
            new("ReplicaHealthy", p => p.ReplicaHealth == "healthy"
                ? CheckResult.Pass
                : CheckResult.Fail(R.ReplicaUnhealthy, $"The replica reports health \"{p.ReplicaHealth ?? "(none)"}\", not healthy.")),
        ]);

    /// <summary>The first 16 hex characters of the SHA-256 of a DER root key.</summary>
    public static string Fingerprint(byte[]? der) =>
        der is null ? "(none)" : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der))[..16];

    /// <summary>Loopback, or a name only resolvable inside the cluster: the places a fetched root key can be trusted (the agent's own rule).</summary>
    public static bool IsLocal(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && RootKeys.MayFetchFrom(uri);

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

using IcOperator.Orchestration;
using R = IcOperator.Api.V1Alpha1.IcNetworkReasons;

namespace IcOperator.Tests.Orchestration;

public sealed class NetworkReadinessTests
{
    private static readonly byte[] Key = [1, 2, 3];

    private static NetworkProbe Healthy(string url = "http://127.0.0.1:4943", string policy = "fetch") => new()
    {
        Url = url,
        RootKeyPolicy = policy,
        SecretName = "id",
        SecretKey = "identity.pem",
        SecretFound = true,
        KeyFound = true,
        Principal = "2vxsx-fae",
        ReplicaHealth = "healthy",
        ReportedRootKey = Key,
        TrustedRootKey = Key,
    };

    private static readonly Dictionary<string, NetworkProbe> Probes = new()
    {
        ["not http"] = Healthy("ftp://x"),
        ["fetch on a public URL"] = Healthy("https://icp-api.io"),
        ["odd hex root key"] = Healthy(policy: "abc"),
        ["no Secret"] = Healthy() with { SecretFound = false, KeyFound = false },
        ["no key"] = Healthy() with { KeyFound = false },
        ["bad PEM"] = Healthy() with { IdentityProblem = "no PEM block" },
        ["unreachable"] = Healthy() with { StatusProblem = "connection refused" },
        ["other root key"] = Healthy() with { ReportedRootKey = [9] },
        ["starting"] = Healthy() with { ReplicaHealth = "starting" },
    };

    [Theory]
    [InlineData("not http", R.InvalidUrl)]
    [InlineData("fetch on a public URL", R.RootKeyFetchNotAllowed)]
    [InlineData("odd hex root key", R.InvalidRootKey)]
    [InlineData("no Secret", R.IdentitySecretNotFound)]
    [InlineData("no key", R.IdentityKeyNotFound)]
    [InlineData("bad PEM", R.InvalidIdentity)]
    [InlineData("unreachable", R.Unreachable)]
    [InlineData("other root key", R.RootKeyMismatch)]
    [InlineData("starting", R.ReplicaUnhealthy)]
    public void Each_problem_has_its_reason(string name, string reason)
    {
        var probe = Probes[name];
        var verdict = NetworkReadiness.Chain.Evaluate(probe);
        verdict.Ready.Should().BeFalse(name);
        verdict.Reason.Should().Be(reason, name);
        verdict.Message.Should().NotBeEmpty();
    }

    [Fact]
    public void A_healthy_probe_is_ready()
    {
        NetworkReadiness.Chain.Evaluate(Healthy()).Ready.Should().BeTrue();
    }

    [Theory]
    [InlineData("http://127.0.0.1:4943", true)]
    [InlineData("http://localhost:4943", true)]
    [InlineData("http://[::1]:4943", true)]
    [InlineData("http://pocketic.ic.svc:4943", true)]
    [InlineData("http://pocketic.ic.svc.cluster.local", true)]
    [InlineData("http://pocketic:4943", true)]
    [InlineData("https://icp-api.io", false)]
    [InlineData("http://10.0.0.5:4943", false)]
    public void Fetching_the_root_key_is_allowed_only_locally(string url, bool local)
    {
        NetworkReadiness.IsLocal(url).Should().Be(local);
    }
}

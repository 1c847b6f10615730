using IcOperator.Agent.Transport;

namespace IcOperator.Agent.Tests.Transport;

public sealed class RootKeyPolicyTests
{
    [Fact]
    public void Mainnet_fetch_and_hex_are_the_three_policies()
    {
        RootKeyPolicy.Parse("mainnet", "spec.rootKey").Should().Match<RootKeyPolicy>(p => p.Source == RootKeySource.Mainnet && p.ExplicitKey == null);
        RootKeyPolicy.Parse("fetch", "spec.rootKey").Should().Match<RootKeyPolicy>(p => p.Source == RootKeySource.Fetch && p.ExplicitKey == null);
        var hex = Convert.ToHexStringLower(RootKeys.Mainnet);
        var explicitKey = RootKeyPolicy.Parse(hex, "spec.rootKey");
        explicitKey.Source.Should().Be(RootKeySource.Explicit);
        explicitKey.ExplicitKey.Should().Equal(RootKeys.Mainnet);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mainnet")]
    [InlineData("abc")]
    [InlineData("zz")]
    [InlineData(null)]
    public void Anything_else_is_refused_naming_the_field(string? text)
    {
        RootKeyPolicy.TryParse(text, out var policy).Should().BeFalse();
        policy.Should().BeNull();
        FluentActions.Invoking(() => RootKeyPolicy.Parse(text, "--root-key")).Should().Throw<FormatException>()
            .WithMessage("--root-key: expected mainnet, fetch or a DER-encoded root key in hex");
    }

    [Theory]
    [InlineData("fetch", "http://127.0.0.1:4943/", true)]
    [InlineData("fetch", "http://ic-emulator:4943/", true)]
    [InlineData("fetch", "http://pocketic.ic.svc.cluster.local/", true)]
    [InlineData("fetch", "https://icp-api.io/", false)]
    [InlineData("fetch", "http://10.0.0.5:4943/", false)]
    [InlineData("mainnet", "https://icp-api.io/", true)]
    public void Fetching_is_allowed_only_where_no_one_can_sit_between(string text, string url, bool allowed) =>
        RootKeyPolicy.Parse(text, "spec.rootKey").AllowedFor(new Uri(url)).Should().Be(allowed);

    [Fact]
    public void Applied_to_agent_options_it_sets_what_the_agent_trusts()
    {
        var options = RootKeyPolicy.Parse(Convert.ToHexStringLower(RootKeys.Mainnet), "spec.rootKey").ApplyTo(new HttpAgentOptions { Url = new Uri("https://icp-api.io/") });
        options.RootKeySource.Should().Be(RootKeySource.Explicit);
        options.RootKey.Should().Equal(RootKeys.Mainnet);
    }
}

using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Controllers.CanisterActions;

namespace IcOperator.Tests.Controllers;

public sealed class HealthCheckVerdictTests
{
    private static byte[] Reply(string text) => CandidText.EncodeArguments(text, CandidType.ParseArguments("(variant { ok; degraded })"));

    [Fact]
    public void The_expected_reply_is_healthy_and_another_names_both()
    {
        var check = new HealthCheck { Method = "health", Expect = "(variant { ok })" };
        HealthCheckAction.Verdict(check, Reply("(variant { ok })")).Should().BeNull();
        var types = CandidType.ParseArguments("(variant { ok; degraded })");
        HealthCheckAction.Verdict(check, Reply("(variant { degraded })"), types).Should().Be("health replied (variant { degraded }), expected (variant { ok }).");
        HealthCheckAction.Verdict(check, Reply("(variant { degraded })")).Should().StartWith("health replied (variant {").And.EndWith("expected (variant { ok }).");
    }

    [Fact]
    public void Without_an_expectation_any_reply_is_healthy()
    {
        HealthCheckAction.Verdict(new HealthCheck { Method = "health" }, Reply("(variant { degraded })")).Should().BeNull();
    }

    [Fact]
    public void A_reply_whose_type_lacks_the_expected_case_is_unhealthy_and_named()
    {
        // A module that only ever answers `unhealthy` encodes a variant type without an `ok` case.
        var types = CandidType.ParseArguments("(variant { unhealthy })");
        var reply = CandidText.EncodeArguments("(variant { unhealthy })", types);
        var check = new HealthCheck { Method = "health", Expect = "(variant { ok })" };
        HealthCheckAction.Verdict(check, reply, types).Should().Be("health replied (variant { unhealthy }), expected (variant { ok }).");
    }

    [Fact]
    public void A_malformed_expectation_is_reported_as_the_specs_error()
    {
        var check = new HealthCheck { Method = "health", Expect = "(variant { ok" };
        var act = () => HealthCheckAction.Verdict(check, Reply("(variant { ok })"));
        act.Should().Throw<CandidException>();
    }
}

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
}

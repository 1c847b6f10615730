using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration;

/// <summary>Which declared calls an install, an upgrade or a deletion runs, and which one is next.</summary>
internal static class PostDeployCalls
{
    /// <summary>The post-deploy calls an operation of <paramref name="type"/> runs, in spec order.</summary>
    public static IEnumerable<PostDeployCall> For(CanisterDeploymentSpec spec, OperationType type) =>
        (spec.PostDeploy ?? []).Where(c => c.When == CallTrigger.EveryDeploy
            || (c.When == CallTrigger.Install && type == OperationType.Install)
            || (c.When == CallTrigger.Upgrade && type == OperationType.Upgrade));

    /// <summary>The first pre-delete call without an outcome (never sent, or sent and not yet answered).</summary>
    public static PreDeleteCall? NextPreDelete(CanisterDeploymentSpec spec, CanisterDeploymentStatus status) =>
        (spec.PreDelete ?? []).FirstOrDefault(c => status.PreDeleteCalls.FirstOrDefault(r => r.Name == c.Name) is not { Result: not null });
}

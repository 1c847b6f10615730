using IcOperator.Api.V1Alpha1;
using IcOperator.Controllers.Calls;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>A post-deploy or pre-delete update call: recorded in status before it is sent, its outcome recorded after.</summary>
internal sealed class CallAction(IUpdateCallSender sender) : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.CallMethod];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        var spec = context.Deployment.Spec;
        var (method, arg) = step.PreDelete
            ? (spec.PreDelete ?? []).Where(c => c.Name == step.CallName).Select(c => (c.Method, c.Arg)).First()
            : (spec.PostDeploy ?? []).Where(c => c.Name == step.CallName).Select(c => (c.Method, c.Arg)).First();
        var recorded = Records(context.Status, step.PreDelete).FirstOrDefault(r => r.Name == step.CallName);
        var record = recorded ?? new CallRecord { Name = step.CallName!, Method = method };
        var argument = CandidArguments.EncodeCall(arg, method, context.Module);
        var outcome = await sender.SendAsync(
            context.Network,
            context.RequireCanister(),
            record,
            argument,
            (sent, ct) => context.WriteStatusAsync(With(context.Status, sent, step.PreDelete), ct),
            context.Now,
            cancellationToken);
        return With(context.Status, outcome, step.PreDelete);
    }

    private static List<CallRecord> Records(CanisterDeploymentStatus status, bool preDelete) =>
        preDelete ? status.PreDeleteCalls : status.LastOperation?.Calls ?? [];

    private static CanisterDeploymentStatus With(CanisterDeploymentStatus status, CallRecord record, bool preDelete)
    {
        List<CallRecord> calls = [.. Records(status, preDelete).Where(r => r.Name != record.Name), record];
        return preDelete
            ? status with { PreDeleteCalls = calls }
            : status with { LastOperation = status.LastOperation! with { Calls = calls } };
    }
}

using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>Calls the health check method and records whether it replied as expected.</summary>
internal sealed class HealthCheckAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.VerifyHealth];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        var check = context.Deployment.Spec.Upgrade.HealthCheck!;
        var canister = context.RequireCanister();
        var operation = context.Status.LastOperation!;
        string? problem;
        try
        {
            var arg = CandidEncoder.Encode(CandidText.ParseArguments(check.Arg));
            var reply = check.Call == HealthCheckCallKind.Update
                ? await context.Network.Agent.CallAsync(canister, check.Method, arg, cancellationToken: cancellationToken)
                : await context.Network.Agent.QueryAsync(canister, check.Method, arg, cancellationToken: cancellationToken);
            problem = Verdict(check, reply);
        }
        catch (IcRejectException e)
        {
            problem = $"{check.Method} was rejected ({e.ErrorCode ?? e.RejectCode.ToString()}): {e.RejectMessage}";
        }
        catch (CandidException e)
        {
            problem = $"spec.upgrade.healthCheck: {e.Message}";
        }

        return context.Status with
        {
            LastOperation = operation with
            {
                Step = problem is null ? OperationStep.Healthy : OperationStep.Unhealthy,
                Message = problem is null ? $"{check.Method} replied as expected." : $"Health check failed: {problem}",
            },
        };
    }

    /// <summary>Null when the reply is healthy, else what was expected and what came.</summary>
    public static string? Verdict(HealthCheck check, byte[] reply)
    {
        var message = CandidDecoder.Decode(reply);
        if (check.Expect is null)
        {
            return null;
        }

        var expected = CandidText.ParseArguments(check.Expect, message.Types);
        return expected.SequenceEqual(message.Values)
            ? null
            : $"{check.Method} replied {message}, expected {check.Expect}.";
    }
}

using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Orchestration;
using IcOperator.Orchestration.Quantities;

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
            problem = Verdict(check, reply, ResultTypes(context.Module, check.Method));
        }
        catch (IcRejectException e)
        {
            problem = $"{check.Method} was rejected ({e.ErrorCode ?? e.RejectCode.ToString()}): {e.RejectMessage}";
        }
        catch (CandidException e)
        {
            problem = $"spec.upgrade.healthCheck: {e.Message}";
        }

        var allowed = GoDuration.Parse(check.Timeout, "spec.upgrade.healthCheck.timeout");
        if (problem is not null && context.Now - (operation.StartedAt ?? context.Now) < allowed)
        {
            // Still within the timeout: the canister may need a moment after it starts.
            return context.Status with { LastOperation = operation with { Message = $"Health check not passing yet: {problem}" } };
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

    /// <summary>
    /// Null when the reply is healthy, else what was expected and what came. With the method's result
    /// types from candid:service the reply is printed with field names rather than hashes.
    /// </summary>
    public static string? Verdict(HealthCheck check, byte[] reply, IReadOnlyList<CandidType>? resultTypes = null)
    {
        var message = CandidDecoder.Decode(reply);
        if (check.Expect is null)
        {
            return null;
        }

        // A syntax error in `expect` is the spec's fault and surfaces as such (CandidException).
        CandidText.ParseArguments(check.Expect);
        bool matches;
        try
        {
            matches = CandidText.ParseArguments(check.Expect, message.Types).SequenceEqual(message.Values);
        }
        catch (CandidException)
        {
            // The expected value does not even fit the reply's type (a variant case the reply's type lacks).
            matches = false;
        }

        if (matches)
        {
            return null;
        }

        var printed = message.ToString();
        if (resultTypes is not null)
        {
            try
            {
                printed = CandidText.PrintArguments(CandidDecoder.Decode(reply, resultTypes), resultTypes);
            }
            catch (CandidException)
            {
                // The reply does not match the declared types: print it as it came.
            }
        }

        return $"{check.Method} replied {printed}, expected {check.Expect}.";
    }

    private static IReadOnlyList<CandidType>? ResultTypes(Wasm.WasmModule? module, string method)
    {
        if (module?.Section(Wasm.WasmMetadataReader.CandidService) is not { } service)
        {
            return null;
        }

        try
        {
            return DidFile.Parse(service.Text).GetMethod(method).Results;
        }
        catch (CandidException)
        {
            return null;
        }
    }
}

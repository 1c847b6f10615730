using System.Globalization;
using System.Numerics;
using IcOperator.Agent.CyclesLedger;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Controllers.Calls;
using IcOperator.Orchestration;
using IcOperator.Orchestration.Quantities;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>
/// Creates the canister with every setting the spec sets that the create can carry (<see cref="CreatedCanister.NotCarried"/>),
/// so a fresh deploy needs no update_settings; status.pendingCreate is written first, so a restart never creates blindly a second time.
/// Through the cycles ledger a retry carries the same created_at_time and amount and is answered as a duplicate. Provisional
/// creation asks for an id chosen before the first attempt and records its request: after a restart the request's
/// status, or else a canister at that id that the operator controls, tells what the create did.
/// </summary>
internal sealed class CreateAction : ICanisterAction
{
    /// <summary>The IC's error code for a specified_id that is already taken.</summary>
    private const string CanisterIdAlreadyExists = "IC0205";

    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.Create];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        if (context.Status.PendingCreate?.SpecifiedId is { } chosen && context.Canister is { Exists: true, OperatorIsController: true })
        {
            // The planner looked: the canister at the chosen id is the one an earlier attempt created.
            return context.Status with { CanisterId = chosen, PendingCreate = null };
        }

        var spec = context.Deployment.Spec;
        var cycles = (BigInteger)Cycles.Parse(spec.Create.InitialCycles, "spec.create.initialCycles");
        var settings = SettingsConversion.ForCreate(spec.Settings, ControllersFor(spec, context.Network), context.Network.OperatorPrincipal);
        return context.Network.CyclesSource switch
        {
            CyclesSource.Provisional => await CreateProvisionalAsync(context, cycles, settings, cancellationToken),
            CyclesSource.CyclesLedger => await CreateThroughLedgerAsync(context, cycles, SettingsConversion.ForLedgerCreate(settings), cancellationToken),
            _ => throw new NotSupportedException($"CanisterDeployment {context.Namespace}/{context.Deployment.Metadata.Name}: cycles source {context.Network.CyclesSource} cannot create canisters yet; use provisional or cyclesLedger."),
        };
    }

    /// <summary>
    /// The controllers a create passes: the spec's and the operator. The network's upgrader is one from the start, so
    /// the first upgrade through it needs no extra call.
    /// </summary>
    public static IReadOnlyList<Principal> ControllersFor(CanisterDeploymentSpec spec, NetworkConnection network) =>
        SettingsConversion.Controllers(spec.Settings, network.OperatorPrincipal, network.Upgrader);

    private static async Task<CanisterDeploymentStatus> CreateThroughLedgerAsync(CanisterActionContext context, BigInteger cycles, LedgerCanisterSettings settings, CancellationToken cancellationToken)
    {
        var pending = LedgerCreateArguments.Chosen(context.Status.PendingCreate ?? new PendingCreate { StartedAt = context.Now }, context.Now, cycles);
        var marked = context.Status with { PendingCreate = pending };
        await context.WriteStatusAsync(marked, cancellationToken);
        var (amount, createdAtTime) = LedgerCreateArguments.Of(pending);
        var canister = await new CyclesLedgerClient(context.Network.Agent).CreateCanisterAsync(
            amount,
            createdAtTime,
            settings,
            context.Deployment.Spec.Create.Subnet is { Length: > 0 } subnet ? new SubnetSelection.Subnet(Principal.Parse(subnet)) : null,
            cancellationToken: cancellationToken);
        return marked with { CanisterId = canister.ToString(), PendingCreate = null };
    }

    private static async Task<CanisterDeploymentStatus> CreateProvisionalAsync(CanisterActionContext context, BigInteger cycles, CanisterSettings settings, CancellationToken cancellationToken)
    {
        var management = context.Network.Management;
        var pending = context.Status.PendingCreate ?? new PendingCreate { StartedAt = context.Now };
        if (pending.SpecifiedId is not null && context.Canister is { Exists: true })
        {
            // The chosen id is taken by a canister the operator does not control: choose another.
            pending = pending with { SpecifiedId = null, Call = null };
        }

        var subnet = context.Deployment.Spec.Create.Subnet is { Length: > 0 } named ? Principal.Parse(named) : null;

        // The subnet whose ranges hold the chosen id, which the canister is created on: recorded with the create's
        // result, so the install finds its subnet's chunk store without reading it. Unknown for an id chosen earlier.
        var hosting = subnet;
        if (pending.SpecifiedId is null)
        {
            // On a named subnet the id is chosen in that subnet's ranges; the call is then routed by the id itself.
            (hosting, var ranges) = await context.Network.HostingSubnets.GetAsync(context.Network.Agent, subnet, management.ProvisionalEffectiveCanisterId, cancellationToken);
            var seed = $"{context.Deployment.Metadata.Uid}/{context.Namespace}/{context.Deployment.Metadata.Name}/{context.Status.PendingCreate?.SpecifiedId}";
            pending = pending with { SpecifiedId = CanisterIdChoice.Choose(ranges, subnet is null ? management.ProvisionalEffectiveCanisterId : ranges.Ranges[0].Start, seed).ToString() };
        }

        var marked = context.Status with { PendingCreate = pending };
        var specified = Principal.Parse(pending.SpecifiedId);
        var call = ManagementCalls.ProvisionalCreateCanisterWithCycles(cycles, settings, specified, subnet is null ? management.ProvisionalEffectiveCanisterId : specified);
        var outcome = await ExactlyOnceCall.RunAsync(
            context.Network.Agent,
            pending.Call,
            call,
            (recorded, ct) => context.WriteStatusAsync(marked with { PendingCreate = pending with { Call = recorded } }, ct),
            cancellationToken);
        switch (outcome.Kind)
        {
            case CallOutcomeKind.Replied:
                return marked with { CanisterId = ManagementCalls.CreatedCanister(outcome.RequireReply()).ToString(), PendingCreate = null, Subnet = hosting?.ToString() ?? marked.Subnet };
            case CallOutcomeKind.InFlight:
                return marked with { PendingCreate = pending with { Call = outcome.Call } };
            case CallOutcomeKind.Pruned:
                // It ran, yet no canister is at the chosen id (the planner looked): it did not create one, so create anew.
                return marked with { PendingCreate = pending with { Call = null } };
            default:
                var rejected = marked with { PendingCreate = pending with { Call = null } };
                if (outcome.Reject!.ErrorCode == CanisterIdAlreadyExists)
                {
                    // The id is taken: the next look at it tells whether by this create or by someone else.
                    return rejected;
                }

                // Any other refusal may come from ranges that moved since they were read: the next create reads them again.
                context.Network.HostingSubnets.Forget(subnet);
                await context.WriteStatusAsync(rejected, cancellationToken);
                throw outcome.Reject;
        }
    }
}

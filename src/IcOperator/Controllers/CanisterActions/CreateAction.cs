using System.Globalization;
using IcOperator.Agent.CyclesLedger;
using IcOperator.Agent.Management;
using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;
using IcOperator.Orchestration.Quantities;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>Creates the canister. pendingCreate is written first, so a restart never creates blindly a second time.</summary>
internal sealed class CreateAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.Create];

    public async Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        var spec = context.Deployment.Spec;
        var cycles = Cycles.Parse(spec.Create.InitialCycles, "spec.create.initialCycles");
        var pending = context.Status.PendingCreate ?? new PendingCreate
        {
            StartedAt = context.Now,
            CreatedAtTime = (context.Now.ToUnixTimeMilliseconds() * 1_000_000).ToString(CultureInfo.InvariantCulture),
        };
        var marked = context.Status with { PendingCreate = pending };
        await context.WriteStatusAsync(marked, cancellationToken);

        var controllers = SettingsConversion.Controllers(spec.Settings, context.Network.OperatorPrincipal);
        var settings = new CanisterSettings { Controllers = controllers };
        Candid.Principal canister = context.Network.CyclesSource switch
        {
            CyclesSource.Provisional => await context.Network.Management.ProvisionalCreateCanisterWithCyclesAsync((System.Numerics.BigInteger)cycles, settings, cancellationToken: cancellationToken),
            CyclesSource.CyclesLedger => await new CyclesLedgerClient(context.Network.Agent).CreateCanisterAsync(
                (System.Numerics.BigInteger)cycles,
                ulong.Parse(pending.CreatedAtTime!, CultureInfo.InvariantCulture),
                new LedgerCanisterSettings { Controllers = controllers },
                cancellationToken: cancellationToken),
            _ => throw new NotSupportedException($"CanisterDeployment {context.Namespace}/{context.Deployment.Metadata.Name}: cycles source {context.Network.CyclesSource} cannot create canisters yet; use provisional or cyclesLedger."),
        };
        return marked with { CanisterId = canister.ToString(), PendingCreate = null };
    }
}

using IcOperator.Agent.Management;
using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>install_code in upgrade mode, with skip_pre_upgrade and Wasm memory persistence as the spec and module say.</summary>
internal sealed class UpgradeAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.Upgrade];

    public Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken)
    {
        var upgrade = context.Deployment.Spec.Upgrade;
        var persistence = step.WasmMemoryPersistence switch
        {
            Api.V1Alpha1.WasmMemoryPersistence.Keep => Agent.Management.WasmMemoryPersistence.Keep,
            Api.V1Alpha1.WasmMemoryPersistence.Replace => Agent.Management.WasmMemoryPersistence.Replace,
            _ => (Agent.Management.WasmMemoryPersistence?)null,
        };
        var mode = CanisterInstallMode.UpgradeMode(upgrade.SkipPreUpgrade ? true : null, persistence);
        return ModuleInstaller.InstallAsync(context, mode, step.Chunked, cancellationToken, clearOwnStore: false);
    }
}

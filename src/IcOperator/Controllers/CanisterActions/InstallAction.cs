using IcOperator.Agent.Management;
using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>install_code in install mode on an empty canister.</summary>
internal sealed class InstallAction : ICanisterAction
{
    public IReadOnlyCollection<CanisterStepKind> Steps { get; } = [CanisterStepKind.Install];

    public Task<CanisterDeploymentStatus> ExecuteAsync(CanisterActionContext context, CanisterStep step, CancellationToken cancellationToken) =>
        ModuleInstaller.InstallAsync(context, CanisterInstallMode.InstallMode, step.Chunked, cancellationToken);
}

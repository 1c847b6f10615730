using IcOperator.Api.V1Alpha1;
using IcOperator.Candid;
using IcOperator.Kube.Resources;
using IcOperator.Observability;
using IcOperator.Orchestration;
using k8s.Models;

namespace IcOperator.Controllers.CanisterActions;

/// <summary>What an action needs: the resource, its current status, the network, the module and what was observed.</summary>
internal sealed record CanisterActionContext
{
    public required CanisterDeployment Deployment { get; init; }

    public required CanisterDeploymentStatus Status { get; init; }

    public required NetworkConnection Network { get; init; }

    public Principal? CanisterId { get; init; }

    public Wasm.WasmModule? Module { get; init; }

    public DesiredModule? Desired { get; init; }

    public byte[] Argument { get; init; } = [];

    public ObservedCanister? Canister { get; init; }

    /// <summary>Whether the canister's own chunk store is known to hold every chunk of the module: they went up before the stop.</summary>
    public bool ChunksUploaded { get; init; }

    public required DateTimeOffset Now { get; init; }

    public required OperatorMetrics Metrics { get; init; }

    /// <summary>Writes status before a step whose outcome could otherwise be lost (a pending create).</summary>
    public required Func<CanisterDeploymentStatus, CancellationToken, Task> WriteStatusAsync { get; init; }

    public string Namespace => Deployment.Metadata.NamespaceProperty ?? string.Empty;

    public Principal RequireCanister() =>
        CanisterId ?? throw new InvalidOperationException($"CanisterDeployment {Namespace}/{Deployment.Metadata.Name}: expected a canister id for this step, found none.");

    public Wasm.WasmModule RequireModule() =>
        Module ?? throw new InvalidOperationException($"CanisterDeployment {Namespace}/{Deployment.Metadata.Name}: expected the verified module of version {Deployment.Spec.Template.Version}, found none.");
}

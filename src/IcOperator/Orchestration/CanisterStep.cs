using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration;

/// <summary>The next step and what it needs.</summary>
internal sealed record CanisterStep(CanisterStepKind Kind)
{
    public static CanisterStep None { get; } = new(CanisterStepKind.None);

    /// <summary>For BeginOperation: the operation to start.</summary>
    public OperationType? Operation { get; init; }

    /// <summary>For CompleteOperation: how the operation ended.</summary>
    public OperationResult? Result { get; init; }

    /// <summary>For DeleteSnapshot and LoadSnapshot: which snapshot.</summary>
    public string? SnapshotId { get; init; }

    /// <summary>For Install and Upgrade: upload in chunks rather than in one message.</summary>
    public bool Chunked { get; init; }

    /// <summary>For Upgrade: keep the Wasm memory (enhanced orthogonal persistence).</summary>
    public WasmMemoryPersistence? WasmMemoryPersistence { get; init; }

    /// <summary>For UpdateSettings: a controller to add (the network's upgrader) before an upgrade, other settings left as they are.</summary>
    public string? AddController { get; init; }

    /// <summary>For CallMethod: the name of the post-deploy or pre-delete call.</summary>
    public string? CallName { get; init; }

    /// <summary>For CallMethod: a pre-delete call rather than a post-deploy one.</summary>
    public bool PreDelete { get; init; }

    /// <summary>For CompleteOperation and events: why, for people.</summary>
    public string? Message { get; init; }
}

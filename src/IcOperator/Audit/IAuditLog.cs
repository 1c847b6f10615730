using IcOperator.Agent.Icrc121;

namespace IcOperator.Audit;

/// <summary>An ICRC-3 log the operator appends ICRC-121 blocks to.</summary>
internal interface IAuditLog
{
    /// <summary>Appends the block and returns its index; appending the same key again returns the first index and adds nothing.</summary>
    Task<ulong> AppendAsync(string key, OrchestrationBlock block, CancellationToken cancellationToken);
}

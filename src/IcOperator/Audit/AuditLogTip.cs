using IcOperator.Agent.Icrc3;
using IcOperator.Agent.Transport;
using IcOperator.Candid;

namespace IcOperator.Audit;

/// <summary>Where a network's audit log stands: the index of its last block, read with <c>icrc3_get_blocks</c>.</summary>
internal static class AuditLogTip
{
    /// <summary>The last block's index, or null for an empty log; an empty range asks only for the log's length.</summary>
    public static async Task<long?> LastBlockIndexAsync(IIcAgent agent, Principal log, CancellationToken cancellationToken)
    {
        var length = (await new Icrc3LogClient(agent, log).GetBlocksAsync([new BlockRange(0, 0)], cancellationToken)).LogLength;
        return length == 0 ? null : (long)length - 1;
    }
}

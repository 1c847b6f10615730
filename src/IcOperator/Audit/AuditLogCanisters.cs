using IcOperator.Candid;
using IcOperator.Controllers;

namespace IcOperator.Audit;

/// <summary>Audit logs reached as canisters, through the network's own agent (the operator's identity is the writer).</summary>
internal sealed class AuditLogCanisters : IAuditLogs
{
    public static AuditLogCanisters Instance { get; } = new();

    public IAuditLog Open(NetworkConnection network, Principal logCanister) => new AuditLogCanister(network.Agent, logCanister);
}

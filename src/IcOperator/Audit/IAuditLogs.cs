using IcOperator.Candid;
using IcOperator.Controllers;

namespace IcOperator.Audit;

/// <summary>Opens the audit log canister of a network through that network's connection.</summary>
internal interface IAuditLogs
{
    IAuditLog Open(NetworkConnection network, Principal logCanister);
}

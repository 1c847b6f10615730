using IcOperator.Candid;
using IcOperator.Controllers;

namespace IcOperator.Audit;

/// <summary>Where a deployment's blocks go: the network's log canister, reached through the network's connection, keyed by the deployment's uid.</summary>
internal sealed record AuditDestination(NetworkConnection Network, Principal LogCanister, string DeploymentUid);

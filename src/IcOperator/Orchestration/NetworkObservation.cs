using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration;

/// <summary>What the deployment needs to know about its IcNetwork.</summary>
internal sealed record NetworkObservation
{
    public bool Ready { get; init; }

    public string Message { get; init; } = string.Empty;

    public CyclesSource CyclesSource { get; init; } = CyclesSource.Provisional;

    /// <summary>The operator's principal there; always kept among the controllers.</summary>
    public string? OperatorPrincipal { get; init; }

    /// <summary>
    /// The chunk-store canister on the canister's subnet when it runs the operator's upgrader and installs go through it
    /// (not while the network keeps an audit log, which records each step before it runs): upgrades are then one call
    /// to it, and it is kept among the canister's controllers.
    /// </summary>
    public string? Upgrader { get; init; }

    /// <summary>A retried create is deduplicated (cycles ledger with created_at_time), so it cannot pay twice.</summary>
    public bool CreateIsDeduplicated => CyclesSource == CyclesSource.CyclesLedger;
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How the operator pays for the canisters it creates.</summary>
[Description("How the operator pays for the canisters it creates.")]
public sealed record CyclesFunding
{
    [DefaultValue("provisional")]
    [Description("provisional (local networks: cycles are minted), cyclesLedger (paid from the operator's cycles ledger account, deduplicated so a retried create never pays twice) or wallet (paid through a cycles wallet canister).")]
    public CyclesSource Source { get; init; } = CyclesSource.Provisional;

    [MaxLength(63)]
    [RegularExpression(SchemaPatterns.OptionalPrincipal)]
    [Description("The cycles wallet canister, for source: wallet.")]
    public string? WalletCanisterId { get; init; }
}

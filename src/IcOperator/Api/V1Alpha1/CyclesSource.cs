using System.Text.Json.Serialization;

namespace IcOperator.Api.V1Alpha1;

/// <summary>How new canisters are paid for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CyclesSource>))]
public enum CyclesSource
{
    /// <summary>provisional_create_canister_with_cycles: local networks only.</summary>
    [JsonStringEnumMemberName("provisional")]
    Provisional,

    /// <summary>The cycles ledger's create_canister, deduplicated by created_at_time.</summary>
    [JsonStringEnumMemberName("cyclesLedger")]
    CyclesLedger,

    /// <summary>A cycles wallet canister the operator controls.</summary>
    [JsonStringEnumMemberName("wallet")]
    Wallet,
}

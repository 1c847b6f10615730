using System.Text.Json.Serialization;

namespace IcOperator.Emulators.Ic.Modules;

/// <summary>What <c>canister_init</c> or <c>canister_post_upgrade</c> does.</summary>
public sealed record LifecycleBehavior
{
    /// <summary>Trap with this message: the install or upgrade fails and the canister is left as it was.</summary>
    [JsonPropertyName("trap")]
    public string? Trap { get; init; }

    /// <summary>Values to store, key → Candid text.</summary>
    [JsonPropertyName("state")]
    public IReadOnlyDictionary<string, string>? State { get; init; }

    /// <summary>Store the install argument (its Candid bytes) under this key.</summary>
    [JsonPropertyName("storeArg")]
    public string? StoreArg { get; init; }

    /// <summary>A line written to the canister's log.</summary>
    [JsonPropertyName("log")]
    public string? Log { get; init; }
}

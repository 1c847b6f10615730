using System.Text.Json.Serialization;

namespace IcOperator.Emulators.Ic.Modules;

/// <summary>
/// What one exported method does. Steps run in this order: <see cref="Trap"/>, <see cref="Reject"/>,
/// <see cref="Log"/>, <see cref="Store"/>, then the reply (<see cref="Load"/> or <see cref="Reply"/>).
/// </summary>
public sealed record MethodBehavior
{
    /// <summary>Exported as <c>canister_query</c>: callable by query and by update calls.</summary>
    [JsonPropertyName("query")]
    public bool Query { get; init; }

    /// <summary>The reply as Candid text, e.g. <c>("hello")</c>; <c>()</c> when absent.</summary>
    [JsonPropertyName("reply")]
    public string? Reply { get; init; }

    /// <summary>Reply with the value stored under this key (the raw Candid bytes an earlier call stored), else <see cref="Reply"/>.</summary>
    [JsonPropertyName("load")]
    public string? Load { get; init; }

    /// <summary>Store the call's argument (its Candid bytes) under this key; ignored by query calls, as on the IC.</summary>
    [JsonPropertyName("store")]
    public string? Store { get; init; }

    /// <summary>Trap with this message (IC0503).</summary>
    [JsonPropertyName("trap")]
    public string? Trap { get; init; }

    /// <summary>Reject with this message (reject code 4, IC0406).</summary>
    [JsonPropertyName("reject")]
    public string? Reject { get; init; }

    /// <summary>A line written to the canister's log on each call.</summary>
    [JsonPropertyName("log")]
    public string? Log { get; init; }
}

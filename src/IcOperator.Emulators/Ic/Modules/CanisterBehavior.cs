using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcOperator.Emulators.Ic.Modules;

/// <summary>
/// What a test module does, since the emulator runs no Wasm: the JSON in its custom section
/// <c>icp:public emulator:behavior</c>. See the emulator's README for the format.
/// </summary>
public sealed record CanisterBehavior
{
    /// <summary>The custom section that carries the behaviour.</summary>
    public const string SectionName = "icp:public emulator:behavior";

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The Candid argument types <c>canister_init</c> decodes, e.g. <c>(record { owner : principal })</c>; falls back to the <c>candid:args</c> section.</summary>
    [JsonPropertyName("initArgs")]
    public string? InitArgs { get; init; }

    [JsonPropertyName("init")]
    public LifecycleBehavior? Init { get; init; }

    [JsonPropertyName("postUpgrade")]
    public LifecycleBehavior? PostUpgrade { get; init; }

    /// <summary>Trap in <c>canister_pre_upgrade</c> with this message, unless the upgrade says skip_pre_upgrade.</summary>
    [JsonPropertyName("preUpgradeTrap")]
    public string? PreUpgradeTrap { get; init; }

    /// <summary>The exported methods by name.</summary>
    [JsonPropertyName("methods")]
    public IReadOnlyDictionary<string, MethodBehavior> Methods { get; init; } = new Dictionary<string, MethodBehavior>();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the JSON of the behaviour section; throws <see cref="FormatException"/> with the reason.</summary>
    public static CanisterBehavior Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CanisterBehavior>(json, Json)
                ?? throw new FormatException($"The {SectionName} section is JSON null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The {SectionName} section is not valid behaviour JSON: {e.Message}", e);
        }
    }
}

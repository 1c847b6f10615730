using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using IcOperator.Api.Schema;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Where an IC network is and how the operator talks to it.</summary>
[Description("Where the network is, how to trust it and which identity the operator signs with.")]
public sealed record IcNetworkSpec
{
    [Required]
    [MaxLength(2048)]
    [RegularExpression("^https?://[^\\s/]+(/.*)?$")]
    [Description("HTTP endpoint of the network: https://icp-api.io for mainnet, or http://127.0.0.1:4943 for a local network.")]
    public string Url { get; init; } = string.Empty;

    [DefaultValue("mainnet")]
    [RegularExpression(SchemaPatterns.RootKey)]
    [Description("How certificates are trusted: mainnet (the built-in mainnet root key), fetch (read from /api/v2/status; allowed only for loopback or cluster-local URLs), or the DER-encoded root key in hex.")]
    public string RootKey { get; init; } = "mainnet";

    [Required]
    [Description("The identity the operator signs its calls with.")]
    public IdentitySource Identity { get; init; } = new();

    [DefaultObject]
    [Description("How new canisters are paid for.")]
    public CyclesFunding Cycles { get; init; } = new();

    [DefaultObject]
    [Description("Limits on the operator's traffic to this network.")]
    public NetworkLimits Limits { get; init; } = new();

    [Description("Record every orchestration step of the network's canisters in an ICRC-3 log (ICRC-121 blocks).")]
    public AuditLogSpec? AuditLog { get; init; }

    [DefaultValue(true)]
    [Description("Keep one chunk-store canister per subnet the network's canisters are on: each module version is uploaded to it once and every canister on that subnet is installed from it (install_chunked_code with store_canister). false: each canister gets its own copy of the module.")]
    public bool SharedChunkStore { get; init; } = true;
}

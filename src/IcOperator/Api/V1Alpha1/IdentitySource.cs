using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IcOperator.Api.V1Alpha1;

/// <summary>Where the operator's signing key is kept.</summary>
[Description("Where the operator's signing key is kept.")]
public sealed record IdentitySource
{
    [Required]
    [Description("The Secret key holding an Ed25519 (PKCS#8) or secp256k1 (SEC1) private key in PEM, as dfx and icp-cli export it.")]
    public KeyReference SecretRef { get; init; } = new();
}

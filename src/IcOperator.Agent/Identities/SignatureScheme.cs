namespace IcOperator.Agent.Identities;

/// <summary>The sender signature schemes the IC accepts from plain keys.</summary>
public enum SignatureScheme
{
    Ed25519,

    /// <summary>ECDSA on secp256k1 with SHA-256, signature r ++ s (64 bytes).</summary>
    EcdsaSecp256k1,

    /// <summary>ECDSA on P-256 (prime256v1) with SHA-256, signature r ++ s (64 bytes).</summary>
    EcdsaP256,
}

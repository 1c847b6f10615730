namespace IcOperator.Agent.Certificates;

/// <summary>
/// Checks a BLS12-381 minimal-signature-size signature (G1, 48 bytes compressed) against a public key
/// (G2, 96 bytes compressed, without the DER wrapping) over a message, with the IC's hash-to-curve suite
/// <c>BLS12381G1_XMD:SHA-256_SSWU_RO_</c> and DST <c>BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_</c>.
/// The seam between certificate checking (structure, delegation, time) and the pairing arithmetic.
/// </summary>
public interface IBlsSignatureVerifier
{
    /// <summary>True only for a valid signature; malformed points, points outside the subgroup and infinity are false.</summary>
    bool Verify(ReadOnlySpan<byte> publicKey96, ReadOnlySpan<byte> signature48, ReadOnlySpan<byte> message);
}

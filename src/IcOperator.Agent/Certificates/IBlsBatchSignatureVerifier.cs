namespace IcOperator.Agent.Certificates;

/// <summary>One (key, signature, message) triple for <see cref="IBlsBatchSignatureVerifier.VerifyAll"/>.</summary>
/// <param name="PublicKey96">The G2 public key, 96 bytes compressed, without the DER wrapping.</param>
/// <param name="Signature48">The G1 signature, 48 bytes compressed.</param>
/// <param name="Message">The signed message.</param>
public readonly record struct BlsSignatureCheck(ReadOnlyMemory<byte> PublicKey96, ReadOnlyMemory<byte> Signature48, ReadOnlyMemory<byte> Message);

/// <summary>
/// A <see cref="IBlsSignatureVerifier"/> that can check several signatures at once, more cheaply than one
/// by one (a delegated certificate carries two). The verdict is the verdict of checking each alone.
/// </summary>
public interface IBlsBatchSignatureVerifier : IBlsSignatureVerifier
{
    /// <summary>True only when every check would pass <see cref="IBlsSignatureVerifier.Verify"/>; an empty list is true.</summary>
    bool VerifyAll(ReadOnlySpan<BlsSignatureCheck> checks);
}

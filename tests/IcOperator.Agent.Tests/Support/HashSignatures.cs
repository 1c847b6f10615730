using System.Security.Cryptography;
using IcOperator.Agent.Certificates;

namespace IcOperator.Agent.Tests.Support;

/// <summary>
/// A keyed-hash stand-in for BLS in transport tests: "signature" = first 48 bytes of SHA-512(key ++ message).
/// Certificates signed with another key or over another tree do not verify.
/// </summary>
internal sealed class HashSignatures : IBlsSignatureVerifier
{
    public static byte[] Sign(ReadOnlySpan<byte> key96, ReadOnlySpan<byte> message) => SHA512.HashData([.. key96, .. message])[..48];

    public bool Verify(ReadOnlySpan<byte> publicKey96, ReadOnlySpan<byte> signature48, ReadOnlySpan<byte> message) =>
        signature48.SequenceEqual(Sign(publicKey96, message));
}

using System.Text.Json;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Tests.Support;

namespace IcOperator.Agent.Tests.Certificates;

/// <summary>
/// A stand-in for the BLS verifier that accepts exactly the (key, signature, root hash) triples an independent
/// decoder recorded for a vector, so a wrong key choice or a wrong reconstructed root hash is refused.
/// </summary>
internal sealed class KnownSignatures : IBlsSignatureVerifier
{
    private readonly List<(byte[] Key, byte[] Signature, byte[] Message)> accepted = [];

    public List<(byte[] Key, byte[] Signature)> Calls { get; } = [];

    public static KnownSignatures FromVector(JsonElement vector)
    {
        var known = new KnownSignatures();
        var decoded = vector.GetProperty("decoded");
        var rootKey = BlsPublicKey.FromDer(vector.Hex("root_key_der_hex"));
        if (decoded.TryGetProperty("delegation", out var delegation))
        {
            var inner = delegation.GetProperty("certificate");
            known.Accept(rootKey, inner.Hex("signature_hex"), inner.Hex("root_hash_hex"));
            known.Accept(BlsPublicKey.FromDer(delegation.Hex("subnet_public_key_der_hex")), decoded.Hex("signature_hex"), decoded.Hex("root_hash_hex"));
        }
        else
        {
            known.Accept(rootKey, decoded.Hex("signature_hex"), decoded.Hex("root_hash_hex"));
        }

        return known;
    }

    public void Accept(byte[] key, byte[] signature, byte[] rootHash) => accepted.Add((key, signature, [13, .. "ic-state-root"u8, .. rootHash]));

    public bool Verify(ReadOnlySpan<byte> publicKey96, ReadOnlySpan<byte> signature48, ReadOnlySpan<byte> message)
    {
        Calls.Add((publicKey96.ToArray(), signature48.ToArray()));
        foreach (var (key, signature, expected) in accepted)
        {
            if (publicKey96.SequenceEqual(key) && signature48.SequenceEqual(signature) && message.SequenceEqual(expected))
            {
                return true;
            }
        }

        return false;
    }
}

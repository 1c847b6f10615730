using System.Security.Cryptography;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Identities;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Certification;

/// <summary>
/// An emulated subnet's keys: the BLS key that signs its certificates (the root key for the first subnet; the subnet
/// id is its self-authenticating principal) and one node's Ed25519 key that signs query responses.
/// <paramref name="role"/> tells the subnets of one seed apart.
/// </summary>
internal sealed class SubnetKeys : IDisposable
{
    public SubnetKeys(byte[]? seed, string role = "")
    {
        seed = seed is null ? null : [.. System.Text.Encoding.UTF8.GetBytes(role), .. seed];
        if (seed is null)
        {
            RootKey = BlsSecretKey.Generate();
            NodeKey = Ed25519Identity.Generate();
        }
        else
        {
            var scalar = SHA256.HashData([.. "root"u8, .. seed]);
            // Clearing the top bits keeps the scalar below the group order r (about 2^254.9).
            scalar[0] &= 0x3f;
            RootKey = BlsSecretKey.FromBytes(scalar);
            NodeKey = Ed25519Identity.FromSeed(SHA256.HashData([.. "node"u8, .. seed]));
        }

        SubnetId = Principal.SelfAuthenticating(RootKey.PublicKeyDer);
        NodeId = Principal.SelfAuthenticating(NodeKey.PublicKeyDer);
    }

    public BlsSecretKey RootKey { get; }

    public byte[] RootKeyDer => RootKey.PublicKeyDer;

    public Ed25519Identity NodeKey { get; }

    public Principal SubnetId { get; }

    public Principal NodeId { get; }

    public void Dispose() => NodeKey.Dispose();
}

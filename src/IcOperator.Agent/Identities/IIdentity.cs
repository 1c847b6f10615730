using IcOperator.Agent.RequestIds;
using IcOperator.Candid;

namespace IcOperator.Agent.Identities;

/// <summary>Who sends requests: a principal, its DER public key (none when anonymous) and a signing function.</summary>
public interface IIdentity
{
    Principal Sender { get; }

    /// <summary>DER SubjectPublicKeyInfo of the key, or null for the anonymous identity.</summary>
    byte[]? PublicKeyDer { get; }

    /// <summary>Signs <paramref name="message"/> with the scheme of this identity; null for the anonymous identity.</summary>
    byte[]? Sign(ReadOnlySpan<byte> message);
}

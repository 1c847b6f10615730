using IcOperator.Candid;

namespace IcOperator.Agent.Identities;

/// <summary>The anonymous sender (principal <c>2vxsx-fae</c>): no key, no signature.</summary>
public sealed class AnonymousIdentity : IIdentity
{
    public static AnonymousIdentity Instance { get; } = new();

    public Principal Sender => Principal.Anonymous;

    public byte[]? PublicKeyDer => null;

    public byte[]? Sign(ReadOnlySpan<byte> message) => null;

    public override string ToString() => "anonymous identity";
}

using IcOperator.Agent.Identities;

namespace IcOperator.Agent.Tests.Identities;

/// <summary>A fresh Ed25519 identity disposed with the scope.</summary>
internal sealed class Ed25519IdentityScope : IDisposable
{
    public Ed25519Identity Identity { get; } = Ed25519Identity.Generate();

    public void Dispose() => Identity.Dispose();
}

using IcOperator.Agent.HashTrees;

namespace IcOperator.Emulators.Ic.Certification;

/// <summary>A canister's subtree in the state tree (<c>canister/&lt;id&gt;/…</c>) and the view it was built from.</summary>
internal sealed record CanisterEntry(CertifiedCanister View, LabeledHashTree Tree)
{
    /// <summary>Whether the subtree still shows <paramref name="now"/>: the same controllers, certified data and module objects.</summary>
    public bool Shows(CertifiedCanister now) =>
        ReferenceEquals(View.Controllers, now.Controllers) && ReferenceEquals(View.CertifiedData, now.CertifiedData) && ReferenceEquals(View.Module, now.Module);
}

using IcOperator.Agent.HashTrees;
using IcOperator.Candid;

namespace IcOperator.Agent.Certificates;

/// <summary>
/// The spec's <c>verify_cert</c> plus the checks agents add: at most one delegation, the delegation's scope covers
/// the canister (or names the subnet) asked about, and the certified time is fresh. Fails closed.
/// </summary>
public sealed class CertificateVerifier(CertificateVerifierOptions options)
{
    private readonly byte[] rootKeyRaw = BlsPublicKey.FromDer((options ?? throw new ArgumentNullException(nameof(options))).RootKey);

    public CertificateVerifierOptions Options { get; } = options;

    /// <summary>The root subnet's id: the self-authenticating principal of the root key.</summary>
    public Principal RootSubnetId => Principal.SelfAuthenticating(Options.RootKey);

    /// <summary>Verifies a certificate that answers about <paramref name="canisterId"/> (call, read_state on a canister).</summary>
    public void VerifyForCanister(Certificate certificate, Principal canisterId)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(canisterId);
        var key = DelegationKey(certificate, inner => CheckCanisterRanges(inner, certificate.Delegation!.SubnetId, canisterId), out var deferred);
        CheckSignatures(certificate, key, deferred);
        CheckTime(certificate);
    }

    /// <summary>Verifies a certificate that answers about subnet <paramref name="subnetId"/> (read_state on <c>/subnet</c>).</summary>
    public void VerifyForSubnet(Certificate certificate, Principal subnetId)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(subnetId);
        if (certificate.Delegation is null && subnetId != RootSubnetId)
        {
            throw new CertificateVerificationException(CertificateRejection.NotAuthorized, $"certificate has no delegation, so it speaks for the root subnet {RootSubnetId}, not for subnet {subnetId}");
        }

        var key = DelegationKey(certificate, _ =>
        {
            if (certificate.Delegation!.SubnetId != subnetId)
            {
                throw new CertificateVerificationException(CertificateRejection.NotAuthorized, $"certificate delegation is for subnet {certificate.Delegation.SubnetId}, expected subnet {subnetId}");
            }
        }, out var deferred);
        CheckSignatures(certificate, key, deferred);
        CheckTime(certificate);
    }

    /// <summary>The subnet that signed: the delegation's subnet, or the root subnet.</summary>
    public Principal SigningSubnet(Certificate certificate) => certificate.Delegation?.SubnetId ?? RootSubnetId;

    /// <summary>
    /// The key that must have signed <paramref name="certificate"/>. With a batch verifier the delegation
    /// certificate's signature is not checked here but handed back in <paramref name="deferred"/>, to be
    /// checked together with the certificate's; should a later check here fail, it is checked first after
    /// all, so a certificate is rejected for the same reason either way.
    /// </summary>
    private byte[] DelegationKey(Certificate certificate, Action<Certificate> checkScope, out Certificate? deferred)
    {
        deferred = null;
        if (certificate.Delegation is not { } delegation)
        {
            return rootKeyRaw;
        }

        Certificate inner;
        try
        {
            inner = delegation.ParseCertificate();
        }
        catch (FormatException e)
        {
            throw new CertificateVerificationException(CertificateRejection.Malformed, "certificate delegation: the nested certificate is malformed: " + e.Message);
        }

        if (inner.Delegation is not null)
        {
            throw new CertificateVerificationException(CertificateRejection.TooManyDelegations, $"certificate delegation for subnet {delegation.SubnetId} has a delegation itself; at most one level is allowed");
        }

        if (Options.SignatureVerifier is not IBlsBatchSignatureVerifier)
        {
            CheckSignature(inner, rootKeyRaw, DelegationWhat(delegation));
            return SubnetKey(inner, delegation, checkScope);
        }

        try
        {
            var key = SubnetKey(inner, delegation, checkScope);
            deferred = inner;
            return key;
        }
        catch (Exception)
        {
            CheckSignature(inner, rootKeyRaw, DelegationWhat(delegation));
            throw;
        }
    }

    private static byte[] SubnetKey(Certificate inner, CertificateDelegation delegation, Action<Certificate> checkScope)
    {
        checkScope(inner);
        var key = inner.Tree.LookupPath([Label("subnet"), delegation.SubnetId.ToByteArray(), Label("public_key")]);
        if (key.Status != LookupStatus.Found)
        {
            throw new CertificateVerificationException(CertificateRejection.DelegationKeyMissing, $"delegation certificate: /subnet/{delegation.SubnetId}/public_key is {key.Status}, expected the subnet's key");
        }

        return BlsPublicKey.FromDer(key.Value);
    }

    private static string DelegationWhat(CertificateDelegation delegation) => $"delegation certificate for subnet {delegation.SubnetId}";

    /// <summary>
    /// The certificate's signature, and the delegation certificate's if <see cref="DelegationKey"/> deferred
    /// it: both in one batch; when the batch fails, one by one, so the rejection names the one that is wrong.
    /// </summary>
    private void CheckSignatures(Certificate certificate, byte[] publicKey96, Certificate? deferredDelegation)
    {
        if (deferredDelegation is null || Options.SignatureVerifier is not IBlsBatchSignatureVerifier batch)
        {
            CheckSignature(certificate, publicKey96, "certificate");
            return;
        }

        ReadOnlySpan<BlsSignatureCheck> checks =
        [
            new(rootKeyRaw, deferredDelegation.Signature, deferredDelegation.SignedMessage()),
            new(publicKey96, certificate.Signature, certificate.SignedMessage()),
        ];
        if (batch.VerifyAll(checks))
        {
            return;
        }

        CheckSignature(deferredDelegation, rootKeyRaw, DelegationWhat(certificate.Delegation!));
        CheckSignature(certificate, publicKey96, "certificate");

        // Each passes alone yet not together: fail closed all the same.
        throw new CertificateVerificationException(CertificateRejection.InvalidSignature, "certificate and its delegation certificate: the BLS signatures do not verify together");
    }

    private static void CheckCanisterRanges(Certificate inner, Principal subnetId, Principal canisterId)
    {
        var visible = VisibleRanges(inner, subnetId);
        if (visible.Count == 0)
        {
            throw new CertificateVerificationException(CertificateRejection.CanisterRangesUnknown, $"delegation certificate for subnet {subnetId}: canister ranges are pruned or missing (under /canister_ranges and /subnet/<id>/canister_ranges), cannot check canister {canisterId}");
        }

        if (!visible.Any(r => r.Contains(canisterId)))
        {
            throw new CertificateVerificationException(CertificateRejection.NotAuthorized, $"canister {canisterId} is outside the canister ranges of subnet {subnetId} named in the certificate's delegation");
        }
    }

    /// <summary>
    /// The canister ranges of <paramref name="subnetId"/> that <paramref name="certificate"/>'s tree holds, in either
    /// layout (<c>/canister_ranges/&lt;subnet&gt;</c> shards, <c>/subnet/&lt;id&gt;/canister_ranges</c>); empty when pruned.
    /// Trust them only as far as the key that signed that certificate.
    /// </summary>
    public static IReadOnlyList<CanisterRanges> VisibleRanges(Certificate certificate, Principal subnetId)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(subnetId);
        var visible = new List<CanisterRanges>();
        // Newer layout: /canister_ranges/<subnet>/<first canister of a shard> holds one shard each.
        var shards = certificate.Tree.LookupSubtree([Label("canister_ranges"), subnetId.ToByteArray()]);
        if (shards.Status == LookupStatus.Found)
        {
            foreach (var shard in shards.Subtree!.LabeledChildren())
            {
                if (shard.Subtree is LeafHashTree leaf)
                {
                    visible.Add(DecodeRanges(leaf.Value, subnetId));
                }
            }
        }

        var flat = certificate.Tree.LookupPath([Label("subnet"), subnetId.ToByteArray(), Label("canister_ranges")]);
        if (flat.Status == LookupStatus.Found)
        {
            visible.Add(DecodeRanges(flat.Value, subnetId));
        }

        return visible;
    }

    private static CanisterRanges DecodeRanges(ReadOnlySpan<byte> value, Principal subnetId)
    {
        try
        {
            return CanisterRanges.Decode(value);
        }
        catch (FormatException e)
        {
            throw new CertificateVerificationException(CertificateRejection.Malformed, $"delegation certificate: canister ranges of subnet {subnetId} are malformed: {e.Message}");
        }
    }

    private void CheckSignature(Certificate certificate, byte[] publicKey96, string what)
    {
        if (Options.SignatureVerifier is { } bls)
        {
            if (!bls.Verify(publicKey96, certificate.Signature, certificate.SignedMessage()))
            {
                throw new CertificateVerificationException(CertificateRejection.InvalidSignature, $"{what}: the BLS signature does not verify over the tree's root hash");
            }
        }
        else if (!Options.InsecureSkipSignatureCheck)
        {
            throw new CertificateVerificationException(CertificateRejection.NoSignatureVerifier, $"{what}: no BLS signature verifier is configured and the network is not marked insecure local; refusing the certificate");
        }
    }

    private void CheckTime(Certificate certificate)
    {
        if (!Options.CheckTime)
        {
            return;
        }

        var certified = DateTimeOffset.UnixEpoch.AddTicks((long)(certificate.Time / 100));
        var now = Options.Clock.GetUtcNow();
        if (certified < now - Options.MaxAge)
        {
            throw new CertificateVerificationException(CertificateRejection.TooOld, $"certificate time {certified:O} is older than {Options.MaxAge} before now ({now:O})");
        }

        if (certified > now + Options.MaxClockSkew)
        {
            throw new CertificateVerificationException(CertificateRejection.InFuture, $"certificate time {certified:O} is more than {Options.MaxClockSkew} ahead of now ({now:O})");
        }
    }

    private static byte[] Label(string text) => System.Text.Encoding.ASCII.GetBytes(text);
}

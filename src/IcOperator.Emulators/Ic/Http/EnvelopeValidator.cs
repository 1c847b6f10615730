using System.Globalization;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Identities;
using IcOperator.Agent.RequestIds;
using IcOperator.Agent.Requests;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Http;

/// <summary>
/// The replica's checks on an envelope: CBOR, request type, request id recomputed from the content as sent,
/// ingress expiry window, sender = self-authenticating principal of the key (or anonymous), delegations and
/// the sender signature (Ed25519, ECDSA secp256k1 and P-256).
/// </summary>
internal sealed class EnvelopeValidator(TimeProvider clock)
{
    /// <summary>An ingress message may expire at most this far in the future, plus <see cref="PermittedDrift"/>.</summary>
    public static readonly TimeSpan MaxIngressTtl = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan PermittedDrift = TimeSpan.FromSeconds(60);

    private static readonly CborLimits Limits = new() { MaxDepth = 32, MaxCollectionCount = 10_000 };
    private static readonly byte[] DelegationDomain = [26, .. "ic-request-auth-delegation"u8];

    public AuthenticatedRequest Validate(ReadOnlySpan<byte> body, string expectedType)
    {
        CborMap envelope;
        CborMap rawContent;
        SignedEnvelope parsed;
        try
        {
            envelope = CborEncoding.Decode(body, Limits).Untagged().AsMap("envelope");
            rawContent = envelope.Require("content").Untagged().AsMap("content");
            parsed = SignedEnvelope.FromCbor(envelope);
        }
        catch (Exception e) when (e is CborException or FormatException or ArgumentException)
        {
            throw new HttpRefusal(400, $"Could not parse body as {expectedType} message: {e.Message}");
        }

        var content = parsed.Content;
        if (content.RequestType != expectedType)
        {
            throw new HttpRefusal(400, $"Could not parse body as {expectedType} message: request_type is '{content.RequestType}'.");
        }

        // The id covers the content exactly as sent, extra fields included, as the replica computes it.
        var requestId = RepresentationIndependentHash.RequestIdOf(rawContent);
        CheckExpiry(content.IngressExpiry);
        Authenticate(parsed, content, requestId);
        return new AuthenticatedRequest(content, requestId, content.Sender);
    }

    private void CheckExpiry(ulong expiry)
    {
        var now = clock.GetUtcNow();
        var min = Nanos(now);
        var max = Nanos(now + MaxIngressTtl + PermittedDrift);
        if (expiry < min || expiry > max)
        {
            throw new HttpRefusal(400,
                "Invalid request expiry: Specified ingress_expiry not within expected range: "
                + $"Minimum allowed expiry: {Show(min)}, Maximum allowed expiry: {Show(max)}, Provided expiry: {Show(expiry)}");
        }
    }

    private void Authenticate(SignedEnvelope envelope, RequestContent content, RequestId requestId)
    {
        var id = "0x" + requestId;
        if (content.Sender.IsAnonymous)
        {
            if (envelope.SenderPublicKey is not null || envelope.SenderSignature is not null || envelope.SenderDelegation is not null)
            {
                throw new HttpRefusal(400, $"Failed to authenticate request {id} due to: the anonymous sender must not carry a public key, signature or delegation.");
            }

            return;
        }

        if (envelope.SenderPublicKey is not { } publicKey || envelope.SenderSignature is not { } signature)
        {
            throw new HttpRefusal(400, $"Failed to authenticate request {id} due to: missing signature or public key for sender {content.Sender}.");
        }

        var expected = Principal.SelfAuthenticating(publicKey);
        if (expected != content.Sender)
        {
            throw new HttpRefusal(400, $"Failed to authenticate request {id} due to: The user id {content.Sender} does not match the public key {Convert.ToHexStringLower(publicKey)} (which belongs to {expected}).");
        }

        var signer = publicKey;
        var now = Nanos(clock.GetUtcNow());
        foreach (var (delegation, i) in (envelope.SenderDelegation ?? []).Select((d, i) => (d, i)))
        {
            var message = (byte[])[.. DelegationDomain, .. RepresentationIndependentHash.Of(delegation.DelegationMap())];
            if (!SignatureVerification.Verify(signer, message, delegation.Signature))
            {
                throw new HttpRefusal(400, $"Failed to authenticate request {id} due to: Invalid delegation: signature of delegation {i} does not verify with the key it is signed by.");
            }

            if (delegation.Expiration < now)
            {
                throw new HttpRefusal(400, $"Failed to authenticate request {id} due to: Invalid delegation: delegation {i} expired at {Show(delegation.Expiration)}.");
            }

            if (delegation.Targets is { } targets && content is CallContent or QueryContent)
            {
                var canister = content is CallContent call ? call.CanisterId : ((QueryContent)content).CanisterId;
                if (!targets.Contains(canister))
                {
                    throw new HttpRefusal(400, $"Failed to authenticate request {id} due to: Invalid delegation: canister {canister} is not one of the targets of delegation {i}.");
                }
            }

            signer = delegation.PublicKey;
        }

        if (!SignatureVerification.VerifyRequest(signer, requestId, signature))
        {
            throw new HttpRefusal(400, $"Failed to authenticate request {id} due to: Invalid signature: the sender signature does not verify with public key {Convert.ToHexStringLower(signer)}.");
        }
    }

    public static ulong Nanos(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static string Show(ulong nanos) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100)).ToString("yyyy-MM-dd HH:mm:ss.fffffff 'UTC'", CultureInfo.InvariantCulture);
}

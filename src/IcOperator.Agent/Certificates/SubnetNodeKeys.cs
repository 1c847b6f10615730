using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Responses;
using IcOperator.Candid;

namespace IcOperator.Agent.Certificates;

/// <summary>
/// The Ed25519 keys of a subnet's nodes, read from a verified certificate's <c>/subnet/&lt;id&gt;/node/&lt;node&gt;/public_key</c>;
/// query responses are checked against them.
/// </summary>
public sealed class SubnetNodeKeys(Principal subnetId, IReadOnlyDictionary<Principal, byte[]> keys)
{
    public Principal SubnetId { get; } = subnetId;

    /// <summary>Node id → DER Ed25519 public key.</summary>
    public IReadOnlyDictionary<Principal, byte[]> Keys { get; } = keys;

    /// <summary>Reads the node keys; the certificate must already be verified for <paramref name="subnetId"/>.</summary>
    public static SubnetNodeKeys FromCertificate(Certificate certificate, Principal subnetId)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var nodes = certificate.Tree.LookupSubtree(StatePaths.SubnetNodes(subnetId));
        if (nodes.Status != LookupStatus.Found)
        {
            throw new CertificateVerificationException(CertificateRejection.Malformed, $"certificate: /subnet/{subnetId}/node is {nodes.Status}, expected the subnet's node keys");
        }

        var keys = new Dictionary<Principal, byte[]>();
        foreach (var node in nodes.Subtree!.LabeledChildren())
        {
            var key = node.Subtree.LookupPath("public_key");
            if (key.Status == LookupStatus.Found)
            {
                keys[Principal.FromBytes(node.Label)] = key.Value!;
            }
        }

        return new SubnetNodeKeys(subnetId, keys);
    }

    /// <summary>
    /// True when every node signature on the response is by a node of this subnet and verifies; a response without
    /// signatures is refused, as agents do once node keys are known.
    /// </summary>
    public bool VerifyQueryResponse(QueryResponse response, RequestIds.RequestId requestId, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Signatures.Count == 0)
        {
            problem = "query response carries no node signature";
            return false;
        }

        foreach (var signature in response.Signatures)
        {
            if (!Keys.TryGetValue(signature.Identity, out var der))
            {
                problem = $"query response is signed by node {signature.Identity}, which is not a node of subnet {SubnetId}";
                return false;
            }

            var message = RequestSigning.ResponseMessage(response.SignableHash(requestId, signature.Timestamp));
            if (!SignatureVerification.Verify(der, message, signature.Signature))
            {
                problem = $"query response signature of node {signature.Identity} does not verify";
                return false;
            }
        }

        problem = null;
        return true;
    }
}

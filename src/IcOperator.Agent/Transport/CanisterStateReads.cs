using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Responses;
using IcOperator.Candid;

namespace IcOperator.Agent.Transport;

/// <summary>Certified facts about a canister, read with read_state rather than trusted from a call's reply.</summary>
public static class CanisterStateReads
{
    /// <summary>The SHA-256 of the installed module, or null when the canister is empty.</summary>
    public static async Task<byte[]?> ReadModuleHashAsync(this IIcAgent agent, Principal canisterId, CancellationToken cancellationToken = default) =>
        await ReadOptionalAsync(agent, canisterId, StatePaths.CanisterModuleHash(canisterId), cancellationToken);

    public static async Task<IReadOnlyList<Principal>> ReadControllersAsync(this IIcAgent agent, Principal canisterId, CancellationToken cancellationToken = default)
    {
        var value = await ReadOptionalAsync(agent, canisterId, StatePaths.CanisterControllers(canisterId), cancellationToken)
            ?? throw new CertificateVerificationException(CertificateRejection.Malformed, $"canister {canisterId}: the certificate proves /canister/{canisterId}/controllers absent; the canister does not exist");
        return CborEncoding.DecodeUntagged(value).AsArray("controllers").Items.Select((c, i) => Principal.FromBytes(c.AsBytes($"controllers[{i}]"))).ToList();
    }

    /// <summary>A metadata section (public ones for anyone, private ones for controllers), or null when the module has none of that name.</summary>
    public static Task<byte[]?> ReadMetadataAsync(this IIcAgent agent, Principal canisterId, string name, CancellationToken cancellationToken = default) =>
        ReadOptionalAsync(agent, canisterId, StatePaths.CanisterMetadata(canisterId, name), cancellationToken);

    /// <summary>The subnet's certified time.</summary>
    public static async Task<DateTimeOffset> ReadTimeAsync(this IIcAgent agent, Principal canisterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var certificate = await agent.ReadStateAsync(canisterId, [StatePaths.Time], cancellationToken);
        return DateTimeOffset.UnixEpoch.AddTicks((long)(certificate.Time / 100));
    }

    /// <summary>
    /// What became of an update call, read from <c>/request_status/&lt;id&gt;</c> through the subnet of
    /// <paramref name="effectiveCanisterId"/> (the one the call was routed by), with the certified time of that state.
    /// </summary>
    public static async Task<CertifiedRequestStatus> ReadRequestStatusAsync(this IIcAgent agent, Principal effectiveCanisterId, RequestIds.RequestId requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var certificate = await agent.ReadStateAsync(effectiveCanisterId, [StatePaths.RequestStatus(requestId), StatePaths.Time], cancellationToken);
        return new CertifiedRequestStatus(RequestStatus.FromTree(certificate.Tree, requestId), DateTimeOffset.UnixEpoch.AddTicks((long)(certificate.Time / 100)));
    }

    /// <summary>The canister id ranges of the subnet that hosts <paramref name="canisterId"/>, where new canister ids can be placed.</summary>
    public static async Task<CanisterRanges> ReadSubnetCanisterRangesAsync(this IIcAgent agent, Principal canisterId, CancellationToken cancellationToken = default) =>
        (await ReadHostingSubnetAsync(agent, canisterId, cancellationToken)).Ranges;

    /// <summary>
    /// The subnet that hosts <paramref name="canisterId"/> and its canister id ranges, from one certificate: a canister
    /// later created at an id in those ranges is on that subnet, with no further read.
    /// </summary>
    public static async Task<SubnetCanisterRanges> ReadHostingSubnetAsync(this IIcAgent agent, Principal canisterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var certificate = await agent.ReadStateAsync(canisterId, [[System.Text.Encoding.ASCII.GetBytes("subnet")]], cancellationToken);
        var subnet = certificate.Delegation?.SubnetId ?? Principal.SelfAuthenticating(await agent.RootKeyAsync(cancellationToken));
        var path = StatePaths.SubnetCanisterRanges(subnet);
        var found = certificate.Tree.LookupPath(path);
        if (found.Status != LookupStatus.Found && certificate.Delegation is { } delegation)
        {
            found = delegation.ParseCertificate().Tree.LookupPath(path);
        }

        return found.Status == LookupStatus.Found
            ? new SubnetCanisterRanges(subnet, CanisterRanges.Decode(found.Value))
            : throw new CertificateVerificationException(CertificateRejection.Malformed, $"subnet {subnet}: the certificate read through canister {canisterId} leaves /subnet/{subnet}/canister_ranges {found.Status}, expected the subnet's ranges");
    }

    /// <summary>
    /// The subnet that hosts <paramref name="canisterId"/>: the subnet whose delegation the certificate read through
    /// the canister carries (the agent checked that the delegation's ranges hold the canister), or the root subnet.
    /// </summary>
    public static async Task<Principal> ReadSubnetAsync(this IIcAgent agent, Principal canisterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var certificate = await agent.ReadStateAsync(canisterId, [StatePaths.Time], cancellationToken);
        return certificate.Delegation?.SubnetId ?? Principal.SelfAuthenticating(await agent.RootKeyAsync(cancellationToken));
    }

    /// <summary>The canister id ranges of subnet <paramref name="subnetId"/>, read from that subnet.</summary>
    public static async Task<CanisterRanges> ReadCanisterRangesOfSubnetAsync(this IIcAgent agent, Principal subnetId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var path = StatePaths.SubnetCanisterRanges(subnetId);
        var certificate = await agent.ReadSubnetStateAsync(subnetId, [path], cancellationToken);
        var found = certificate.Tree.LookupPath(path);
        if (found.Status != LookupStatus.Found && certificate.Delegation is { } delegation)
        {
            found = delegation.ParseCertificate().Tree.LookupPath(path);
        }

        return found.Status == LookupStatus.Found
            ? CanisterRanges.Decode(found.Value)
            : throw new CertificateVerificationException(CertificateRejection.Malformed, $"subnet {subnetId}: the certificate leaves /subnet/{subnetId}/canister_ranges {found.Status}, expected the subnet's ranges");
    }

    private static async Task<byte[]?> ReadOptionalAsync(IIcAgent agent, Principal canisterId, IReadOnlyList<byte[]> path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var certificate = await agent.ReadStateAsync(canisterId, [path], cancellationToken);
        var found = certificate.Tree.LookupPath(path);
        return found.Status switch
        {
            LookupStatus.Found => found.Value,
            LookupStatus.Absent => null,
            _ => throw new CertificateVerificationException(CertificateRejection.Malformed, $"canister {canisterId}: the certificate leaves /{string.Join('/', path.Select(Describe))} {found.Status}, expected a value or a proof of absence"),
        };
    }

    private static string Describe(byte[] label) => label.All(b => b is >= 0x20 and < 0x7f) ? System.Text.Encoding.ASCII.GetString(label) : Convert.ToHexStringLower(label);
}

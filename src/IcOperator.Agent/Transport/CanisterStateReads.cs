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

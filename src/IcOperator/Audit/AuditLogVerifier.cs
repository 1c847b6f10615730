using System.Numerics;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Icrc3;
using IcOperator.Candid;

namespace IcOperator.Audit;

/// <summary>
/// Verifies an audit log as ICRC-3 says a client should: the tip certificate first (the IC's BLS signature,
/// certified_data = the tip tree's root), then every block's hash against the next block's <c>phash</c> and the
/// last one against the certified <c>last_block_hash</c>.
/// </summary>
internal static class AuditLogVerifier
{
    public static async Task<AuditVerification> VerifyAsync(IIcrc3LogReader log, CertificateVerifier certificates, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        Icrc3Tip? tip = null;
        var certificate = await log.GetTipCertificateAsync(cancellationToken);
        if (certificate is not null)
        {
            try
            {
                tip = Icrc3TipCertificate.Verify(certificate, log.Canister, certificates);
            }
            catch (Exception e) when (e is CertificateVerificationException or FormatException or Agent.Cbor.CborException)
            {
                problems.Add($"tip certificate: {e.Message}");
            }
        }

        var blocks = await log.ReadAllAsync(cancellationToken);
        if (certificate is null && blocks.Count > 0)
        {
            // Without a certified tip the chain proves nothing: the last block, or all of them, could be replaced.
            problems.Add($"tip certificate: the log serves none for its {blocks.Count} blocks");
        }

        if (certificate is null || tip is not null)
        {
            problems.AddRange(Icrc3ChainCheck.Problems(blocks, tip));
        }

        return new AuditVerification(tip, problems, [.. blocks.Select(Row)]);
    }

    public static AuditHistoryRow Row(Icrc3Block block)
    {
        try
        {
            var tx = block.Transaction;
            var canister = tx?.Find("canister_id") is Icrc3Blob c ? Principal.FromBytes(c.Value).ToString() : null;
            var details = tx is null ? string.Empty : string.Join(" ", tx.Entries.Where(e => e.Key is not ("canister_id" or "caller")).Select(e => $"{e.Key}={Show(e.Value)}"));
            var time = block.Timestamp is { } ts ? DateTimeOffset.UnixEpoch.AddTicks((long)(ts / 100)) : (DateTimeOffset?)null;
            return new AuditHistoryRow((long)block.Id, time, block.BlockType ?? "(none)", canister, details);
        }
        catch (FormatException e)
        {
            return new AuditHistoryRow((long)block.Id, null, "(malformed)", null, e.Message);
        }
    }

    private static string Show(Icrc3Value value) => value switch
    {
        Icrc3Blob b when b.Value.Length == 32 => Convert.ToHexStringLower(b.Value)[..12] + "…",
        Icrc3Blob b => Convert.ToHexStringLower(b.Value),
        Icrc3Text t => t.Value,
        Icrc3Nat n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Icrc3Int i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Icrc3Map m => "{" + string.Join(", ", m.Entries.Select(e => $"{e.Key}={Show(e.Value)}")) + "}",
        Icrc3Array a => "[" + string.Join(", ", a.Items.Select(Show)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    internal static BigInteger Nanos(DateTimeOffset time) => (BigInteger)(time - DateTimeOffset.UnixEpoch).Ticks * 100;
}

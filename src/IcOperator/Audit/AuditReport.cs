using System.Globalization;

namespace IcOperator.Audit;

/// <summary>Prints a verified audit log: the verdict, then one canister's (or every) block as a table.</summary>
internal static class AuditReport
{
    public static void Write(TextWriter output, string log, AuditVerification verification, string? canister)
    {
        var rows = verification.History.Where(r => canister is null || r.Canister == canister).ToList();
        var widths = new[] { 5, 24, 20, 29 };
        output.WriteLine(Line("INDEX", "TIME (UTC)", "BTYPE", "CANISTER", "DETAILS"));
        foreach (var row in rows)
        {
            output.WriteLine(Line(
                row.Index.ToString(CultureInfo.InvariantCulture),
                row.Time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "-",
                row.BlockType,
                row.Canister ?? "-",
                row.Details));
        }

        output.WriteLine();
        var tip = verification.Tip is { } t ? $"certified tip: block {t.LastBlockIndex}, hash {Convert.ToHexStringLower(t.LastBlockHash)}" : "no certified tip";
        output.WriteLine($"log {log}: {verification.History.Count} blocks, {tip}");
        output.WriteLine(verification.Valid ? "chain and certificate verified" : $"VERIFICATION FAILED: {verification.Problems.Count} problem(s)");

        string Line(string index, string time, string btype, string who, string details) =>
            $"{index.PadRight(widths[0])}  {time.PadRight(widths[1])}  {btype.PadRight(widths[2])}  {who.PadRight(widths[3])}  {details}".TrimEnd();
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Api.V1Alpha1;

namespace IcOperator.Wasm;

/// <summary>Reads the metadata people and the operator use from a module's custom sections.</summary>
internal static class WasmMetadataReader
{
    /// <summary>How much of candid:service is kept in status; the full text goes to a ConfigMap.</summary>
    public const int CandidServicePreviewBytes = 4096;

    public const string CandidService = "candid:service";
    public const string CandidArgs = "candid:args";
    public const string CdkName = "cdk:name";
    public const string Dfx = "dfx";
    public const string EnhancedOrthogonalPersistence = "enhanced-orthogonal-persistence";

    /// <summary>Whether <see cref="Read"/> looks a section of this name up.</summary>
    public static bool ReadsSection(string name) => name is CandidService or CandidArgs or CdkName or Dfx or EnhancedOrthogonalPersistence;

    public static WasmMetadata Read(WasmModule module) => new()
    {
        CdkName = module.Section(CdkName)?.Text,
        CandidService = module.Section(CandidService) is { } candid ? Preview(candid.Content.Span) : null,
        CandidArgs = module.Section(CandidArgs)?.Text,
        EnhancedOrthogonalPersistence = module.Section(EnhancedOrthogonalPersistence) is not null,
        Dfx = module.Section(Dfx) is { } dfx ? ParseJson(dfx.Text) : null,
        Sections = module.CustomSections
            .Select(s => new WasmSectionInfo { Name = s.Name, Visibility = s.Visibility ?? "none", Size = s.Size })
            .ToList(),
    };

    /// <summary>The first 4 KiB of a UTF-8 text, cut at a character boundary.</summary>
    public static string Preview(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= CandidServicePreviewBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var end = CandidServicePreviewBytes;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return Encoding.UTF8.GetString(utf8[..end]);
    }

    private static JsonObject? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // A dfx section that is not JSON is listed in sections but not interpreted.
            return null;
        }
    }
}

using IcOperator.Candid;

namespace IcOperator.Agent.Icrc3;

/// <summary>Candid encoding of ICRC-3 values and endpoint arguments and replies, both directions (clients and logs).</summary>
public static class Icrc3Codec
{
    public static CandidValue ToCandid(Icrc3Value value) => value switch
    {
        Icrc3Nat n => CandidValue.Variant("Nat", CandidValue.Nat(n.Value)),
        Icrc3Int i => CandidValue.Variant("Int", CandidValue.Int(i.Value)),
        Icrc3Text t => CandidValue.Variant("Text", CandidValue.Text(t.Value)),
        Icrc3Blob b => CandidValue.Variant("Blob", CandidValue.Blob(b.Value)),
        Icrc3Array a => CandidValue.Variant("Array", CandidValue.Vec(a.Items.Select(ToCandid))),
        Icrc3Map m => CandidValue.Variant("Map", CandidValue.Vec(m.Entries.Select(e => CandidValue.Tuple(CandidValue.Text(e.Key), ToCandid(e.Value))))),
        _ => throw new ArgumentException($"Unknown ICRC-3 value {value.GetType().Name}.", nameof(value)),
    };

    public static Icrc3Value FromCandid(CandidValue value, string path = "value")
    {
        if (value is not CandidVariant v)
        {
            throw new FormatException($"{path}: expected an ICRC-3 Value variant, found {value}");
        }

        return v switch
        {
            _ when v.Is("Nat") => Icrc3Value.Nat(v.Value.AsBigInteger()),
            _ when v.Is("Int") => Icrc3Value.Int(v.Value.AsBigInteger()),
            _ when v.Is("Text") => Icrc3Value.Text(v.Value.AsText()),
            _ when v.Is("Blob") => Icrc3Value.Blob(v.Value.AsBytes()),
            _ when v.Is("Array") => Icrc3Value.Array(v.Value.AsVec().Select((e, i) => FromCandid(e, $"{path}[{i}]"))),
            _ when v.Is("Map") => Icrc3Value.Map(v.Value.AsVec().Select(e =>
            {
                var key = ((CandidRecord)e).Find(0)!.AsText();
                return (key, FromCandid(((CandidRecord)e).Find(1)!, $"{path}.{key}"));
            })),
            _ => throw new FormatException($"{path}: unknown ICRC-3 Value case {v.Id}"),
        };
    }

    public static byte[] EncodeValue(Icrc3Value value) => CandidEncoder.EncodeOne(Icrc3Interface.Value, ToCandid(value));

    public static Icrc3Value DecodeValue(byte[] candid) => FromCandid(CandidDecoder.DecodeOne(candid, Icrc3Interface.Value));

    public static byte[] EncodeGetBlocksArgs(IReadOnlyList<BlockRange> ranges) =>
        CandidEncoder.EncodeOne(Icrc3Interface.GetBlocksArgs, RangesToCandid(ranges));

    public static IReadOnlyList<BlockRange> DecodeGetBlocksArgs(byte[] candid) =>
        RangesFromCandid(CandidDecoder.DecodeOne(candid, Icrc3Interface.GetBlocksArgs));

    public static byte[] EncodeGetBlocksResult(GetBlocksResult result) => CandidEncoder.EncodeOne(Icrc3Interface.GetBlocksResult, CandidValue.Record(
        ("log_length", CandidValue.Nat(result.LogLength)),
        ("blocks", CandidValue.Vec(result.Blocks.Select(b => CandidValue.Record(("id", CandidValue.Nat(b.Id)), ("block", ToCandid(b.Block)))))),
        ("archived_blocks", CandidValue.Vec(result.Archived.Select(a => CandidValue.Record(
            ("args", RangesToCandid(a.Ranges)), ("callback", CandidValue.Func(a.Canister, a.Method))))))));

    public static GetBlocksResult DecodeGetBlocksResult(byte[] candid)
    {
        var value = CandidDecoder.DecodeOne(candid, Icrc3Interface.GetBlocksResult);
        var blocks = value["blocks"].AsVec().Select(b =>
        {
            var id = b["id"].AsBigInteger();
            return new Icrc3Block(id, FromCandid(b["block"], $"block {id}"));
        }).ToList();
        var archived = value["archived_blocks"].AsVec().Select(a =>
        {
            var callback = (CandidFunc)a["callback"];
            return new ArchivedBlocks(RangesFromCandid(a["args"]), callback.Service, callback.Method);
        }).ToList();
        return new GetBlocksResult(value["log_length"].AsBigInteger(), blocks, archived);
    }

    public static byte[] EncodeTipCertificate(DataCertificate? certificate) => CandidEncoder.EncodeOne(Icrc3Interface.TipCertificate,
        certificate is null ? CandidValue.None : CandidValue.Some(CandidValue.Record(
            ("certificate", CandidValue.Blob(certificate.Certificate)), ("hash_tree", CandidValue.Blob(certificate.HashTree)))));

    public static DataCertificate? DecodeTipCertificate(byte[] candid) =>
        CandidDecoder.DecodeOne(candid, Icrc3Interface.TipCertificate).AsOption() is { } c
            ? new DataCertificate(c["certificate"].AsBytes(), c["hash_tree"].AsBytes())
            : null;

    public static byte[] EncodeSupportedBlockTypes(IReadOnlyList<SupportedBlockType> types) => CandidEncoder.EncodeOne(Icrc3Interface.SupportedBlockTypes,
        CandidValue.Vec(types.Select(t => CandidValue.Record(("block_type", CandidValue.Text(t.BlockType)), ("url", CandidValue.Text(t.Url))))));

    public static IReadOnlyList<SupportedBlockType> DecodeSupportedBlockTypes(byte[] candid) =>
        [.. CandidDecoder.DecodeOne(candid, Icrc3Interface.SupportedBlockTypes).AsVec().Select(t => new SupportedBlockType(t["block_type"].AsText(), t["url"].AsText()))];

    public static byte[] EncodeSupportedStandards(IReadOnlyList<SupportedStandard> standards) => CandidEncoder.EncodeOne(Icrc3Interface.SupportedStandards,
        CandidValue.Vec(standards.Select(s => CandidValue.Record(("name", CandidValue.Text(s.Name)), ("url", CandidValue.Text(s.Url))))));

    public static IReadOnlyList<SupportedStandard> DecodeSupportedStandards(byte[] candid) =>
        [.. CandidDecoder.DecodeOne(candid, Icrc3Interface.SupportedStandards).AsVec().Select(s => new SupportedStandard(s["name"].AsText(), s["url"].AsText()))];

    public static byte[] EncodeGetArchivesArgs(Principal? from) => CandidEncoder.EncodeOne(Icrc3Interface.GetArchivesArgs,
        CandidValue.Record(("from", from is null ? CandidValue.None : CandidValue.Some(CandidValue.Principal(from)))));

    public static byte[] EncodeGetArchivesResult(IReadOnlyList<ArchiveInfo> archives) => CandidEncoder.EncodeOne(Icrc3Interface.GetArchivesResult,
        CandidValue.Vec(archives.Select(a => CandidValue.Record(
            ("canister_id", CandidValue.Principal(a.CanisterId)), ("start", CandidValue.Nat(a.Start)), ("end", CandidValue.Nat(a.End))))));

    public static IReadOnlyList<ArchiveInfo> DecodeGetArchivesResult(byte[] candid) =>
        [.. CandidDecoder.DecodeOne(candid, Icrc3Interface.GetArchivesResult).AsVec().Select(a =>
            new ArchiveInfo(a["canister_id"].AsPrincipal(), a["start"].AsBigInteger(), a["end"].AsBigInteger()))];

    private static CandidValue RangesToCandid(IReadOnlyList<BlockRange> ranges) =>
        CandidValue.Vec(ranges.Select(r => CandidValue.Record(("start", CandidValue.Nat(r.Start)), ("length", CandidValue.Nat(r.Length)))));

    private static List<BlockRange> RangesFromCandid(CandidValue value) =>
        [.. value.AsVec().Select(r => new BlockRange(r["start"].AsBigInteger(), r["length"].AsBigInteger()))];
}

using IcOperator.Agent.Transport;
using IcOperator.Candid;

namespace IcOperator.ChunkStore;

/// <summary>The upgrader's <c>upgrade</c> method on the wire: its Candid argument and result (Upgrader.mo).</summary>
internal static class UpgraderCalls
{
    public const string UpgradeMethod = "upgrade";

    public static readonly CandidType UpgradeArgs = CandidType.Parse(
        "record { canister_id : principal; wasm_module_hash : blob; chunk_hashes_list : vec blob; arg : blob; skip_pre_upgrade : opt bool; "
        + "wasm_memory_persistence : opt variant { keep; replace }; snapshot : bool; replace_snapshot : opt blob }");

    public static readonly CandidType UpgradeResult = CandidType.Parse(
        "variant { ok : record { snapshot_id : opt blob }; "
        + "err : record { step : variant { stop; snapshot; install; start }; reject_code : nat32; message : text; snapshot_id : opt blob; stopped : bool } }");

    private static readonly string[] Steps = ["stop", "snapshot", "install", "start"];

    /// <summary>The update call to <paramref name="upgrader"/>, routed by the upgrader itself.</summary>
    public static CanisterCall Upgrade(Principal upgrader, UpgradeRequest request) =>
        new(upgrader, UpgradeMethod, CandidEncoder.EncodeOne(UpgradeArgs, CandidValue.Record(
            ("canister_id", CandidValue.Principal(request.Canister)),
            ("wasm_module_hash", CandidValue.Blob(request.WasmModuleHash)),
            ("chunk_hashes_list", CandidValue.Vec(request.ChunkHashes.Select(CandidValue.Blob))),
            ("arg", CandidValue.Blob(request.Arg)),
            ("skip_pre_upgrade", request.SkipPreUpgrade is { } skip ? CandidValue.Some(CandidValue.Bool(skip)) : CandidValue.None),
            ("wasm_memory_persistence", request.WasmMemoryPersistence is { } persistence ? CandidValue.Some(CandidValue.Variant(persistence)) : CandidValue.None),
            ("snapshot", CandidValue.Bool(request.Snapshot)),
            ("replace_snapshot", request.ReplaceSnapshot is { } replace ? CandidValue.Some(CandidValue.Blob(replace)) : CandidValue.None))));

    /// <summary>Reads the upgrader's reply; a reply of another shape is an error that names what was expected.</summary>
    public static UpgraderReply Read(byte[] reply)
    {
        if (CandidDecoder.DecodeOne(reply, UpgradeResult) is not CandidVariant result)
        {
            throw new CandidException("expected the upgrader's result variant { ok; err }");
        }

        var body = result.Value;
        var snapshot = body["snapshot_id"].AsOption()?.AsBytes() is { } id ? Convert.ToHexStringLower(id) : null;
        if (result.Is("ok"))
        {
            return new UpgraderReply(snapshot, null);
        }

        var step = body["step"] is CandidVariant chosen ? Steps.FirstOrDefault(chosen.Is) : null;
        return new UpgraderReply(snapshot, new UpgraderFailure(
            step ?? throw new CandidException("expected the failed step to be stop, snapshot, install or start"),
            (uint)body["reject_code"].AsBigInteger(),
            body["message"].AsText(),
            body["stopped"].AsBool()));
    }
}

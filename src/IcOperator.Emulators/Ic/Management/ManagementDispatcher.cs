using System.Numerics;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Rejects;
using static IcOperator.Emulators.Ic.Management.CandidArgs;

namespace IcOperator.Emulators.Ic.Management;

/// <summary>
/// The management canister on the wire: decodes a method's Candid argument with ic.did's types, runs it on
/// <see cref="ManagementCanister"/>, encodes the result. Only the methods the IC accepts from users are served.
/// </summary>
internal sealed class ManagementDispatcher(ManagementCanister management)
{
    private static readonly DidFile Interface = DidFile.Parse(ManagementInterface.Did);

    // Callable as queries; everything else only as update calls.
    private static readonly HashSet<string> QueryMethods = new(StringComparer.Ordinal) { "canister_status", "fetch_canister_logs" };

    /// <summary>
    /// The canister a management call is about, which must be the effective canister id of its URL; null when any
    /// effective canister id is acceptable (provisional creation), or the argument does not decode (the call then rejects).
    /// </summary>
    public static Principal? EffectiveCanisterId(string method, byte[] arg)
    {
        if (method is "provisional_create_canister_with_cycles" || Interface.Service?.Find(method) is null)
        {
            return null;
        }

        try
        {
            var values = CandidDecoder.Decode(arg, Interface.GetMethod(method).Arguments);
            if (values is not [CandidRecord record])
            {
                return null;
            }

            return (record.Find("canister_id") ?? record.Find("target_canister"))?.AsPrincipal();
        }
        catch (CandidException)
        {
            return null;
        }
    }

    /// <summary>A call from a user: an ingress message carries no cycles, and methods reserved to canisters are refused.</summary>
    public byte[] Execute(Principal caller, string method, byte[] arg, CallKind kind) => Execute(caller, method, arg, kind, fromCanister: false, 0, out _);

    /// <summary>
    /// A call from a canister with <paramref name="attached"/> cycles: <c>deposit_cycles</c> and <c>create_canister</c>
    /// keep them all (<paramref name="kept"/>), every other method keeps none, so the caller gets them back.
    /// </summary>
    public byte[] ExecuteForCanister(Principal caller, string method, byte[] arg, BigInteger attached, out BigInteger kept) =>
        Execute(caller, method, arg, CallKind.Update, fromCanister: true, attached, out kept);

    private byte[] Execute(Principal caller, string method, byte[] arg, CallKind kind, bool fromCanister, BigInteger attached, out BigInteger kept)
    {
        kept = 0;
        var func = Interface.Service?.Find(method)?.Type ?? throw new IcRejectException(
            IcRejectCode.DestinationInvalid, IcErrorCode.CanisterMethodNotFound, $"Management canister has no method '{method}'.");
        if (kind == CallKind.Query && !QueryMethods.Contains(method))
        {
            throw new IcRejectException(IcRejectCode.CanisterReject, IcErrorCode.CanisterRejectedMessage,
                $"ic00 method {method} can only be called as an update, not as a query.");
        }

        if (kind == CallKind.Update && method == "fetch_canister_logs")
        {
            throw new IcRejectException(IcRejectCode.CanisterReject, IcErrorCode.CanisterRejectedMessage,
                "fetch_canister_logs API is only accessible in non-replicated mode (call it as a query).");
        }

        CandidValue input;
        try
        {
            var values = CandidDecoder.Decode(arg, func.Arguments);
            input = values.Count > 0 ? values[0] : CandidValue.Null;
        }
        catch (CandidException e)
        {
            throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.InvalidManagementPayload,
                $"Error decoding the argument of ic00 method {method}: {e.Message}");
        }

        var result = method switch
        {
            "deposit_cycles" => Deposit(CanisterId(input), attached),
            "create_canister" when fromCanister => CandidValue.Record(("canister_id", CandidValue.Principal(
                management.CreateCanisterWithCycles(caller, Settings(Opt(input, "settings")), attached)))),
            _ => Run(caller, method, input),
        };
        kept = method is "deposit_cycles" || (method is "create_canister" && fromCanister) ? attached : 0;
        return CandidEncoder.Encode(func.Results, result is null ? [] : [result]);
    }

    private CandidValue? Deposit(Principal canister, BigInteger attached)
    {
        management.DepositCycles(canister, attached);
        return null;
    }

    private CandidValue? Run(Principal caller, string method, CandidValue a)
    {
        switch (method)
        {
            case "provisional_create_canister_with_cycles":
                var created = management.ProvisionalCreateCanisterWithCycles(caller, Opt(a, "amount")?.AsBigInteger(), Settings(Opt(a, "settings")), Opt(a, "specified_id")?.AsPrincipal());
                return CandidValue.Record(("canister_id", CandidValue.Principal(created)));
            case "provisional_top_up_canister":
                management.ProvisionalTopUpCanister(CanisterId(a), a["amount"].AsBigInteger());
                return null;
            case "update_settings":
                management.UpdateSettings(caller, CanisterId(a), Settings(a["settings"])!);
                return null;
            case "upload_chunk":
                return CandidResults.ChunkHash(management.UploadChunk(caller, CanisterId(a), a["chunk"].AsBytes()));
            case "clear_chunk_store":
                management.ClearChunkStore(caller, CanisterId(a));
                return null;
            case "stored_chunks":
                return CandidValue.Vec(management.StoredChunks(caller, CanisterId(a)).Select(CandidResults.ChunkHash));
            case "install_code":
                var (mode, upgrade) = Mode(a["mode"]);
                management.InstallCode(caller, new InstallCodeRequest(CanisterId(a), mode, upgrade, a["wasm_module"].AsBytes(), a["arg"].AsBytes()));
                return null;
            case "install_chunked_code":
                var (chunkedMode, chunkedUpgrade) = Mode(a["mode"]);
                management.InstallChunkedCode(
                    caller,
                    chunkedMode,
                    chunkedUpgrade,
                    CanisterId(a, "target_canister"),
                    Opt(a, "store_canister")?.AsPrincipal(),
                    a["chunk_hashes_list"].AsVec().Select(h => h["hash"].AsBytes()).ToArray(),
                    a["wasm_module_hash"].AsBytes(),
                    a["arg"].AsBytes());
                return null;
            case "uninstall_code":
                management.UninstallCode(caller, CanisterId(a));
                return null;
            case "start_canister":
                management.StartCanister(caller, CanisterId(a));
                return null;
            case "stop_canister":
                management.StopCanister(caller, CanisterId(a));
                return null;
            case "canister_status":
                return CandidResults.Status(management.CanisterStatus(caller, CanisterId(a)));
            case "delete_canister":
                management.DeleteCanister(caller, CanisterId(a));
                return null;
            case "take_canister_snapshot":
                var snapshot = management.TakeCanisterSnapshot(caller, CanisterId(a), Opt(a, "replace_snapshot")?.AsBytes());
                if (Opt(a, "uninstall_code")?.AsBool() == true)
                {
                    management.UninstallCode(caller, CanisterId(a));
                }

                return CandidResults.Snapshot(snapshot);
            case "load_canister_snapshot":
                management.LoadCanisterSnapshot(caller, CanisterId(a), a["snapshot_id"].AsBytes());
                return null;
            case "list_canister_snapshots":
                return CandidValue.Vec(management.ListCanisterSnapshots(caller, CanisterId(a)).Select(CandidResults.Snapshot));
            case "delete_canister_snapshot":
                management.DeleteCanisterSnapshot(caller, CanisterId(a), a["snapshot_id"].AsBytes());
                return null;
            case "fetch_canister_logs":
                return CandidResults.Logs(management.FetchCanisterLogs(caller, CanisterId(a)));
            default:
                throw new IcRejectException(IcRejectCode.CanisterReject, IcErrorCode.CanisterRejectedMessage,
                    $"Only canisters can call ic00 method {method}.");
        }
    }
}

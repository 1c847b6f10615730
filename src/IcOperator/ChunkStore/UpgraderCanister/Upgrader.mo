// The network's chunk-store canister, and the upgrader of the canisters on its subnet: one message from the operator
// stops a canister, snapshots it, installs the new module from this canister's chunk store and starts it again, as
// calls to the management canister. The canister is then down for the rounds those calls take, not for one ingress
// round each. It keeps no state; only its controllers may call it.

import Array "mo:core/Array";
import Error "mo:core/Error";
import Principal "mo:core/Principal";
import Runtime "mo:core/Runtime";

persistent actor Upgrader {
  public type WasmMemoryPersistence = { #keep; #replace };

  public type UpgradeArgs = {
    canister_id : Principal;
    wasm_module_hash : Blob;
    chunk_hashes_list : [Blob];
    arg : Blob;
    skip_pre_upgrade : ?Bool;
    wasm_memory_persistence : ?WasmMemoryPersistence;
    // Take a snapshot after the stop and before the install: it then holds no call awaiting a response.
    snapshot : Bool;
    replace_snapshot : ?Blob;
  };

  public type Step = { #stop; #snapshot; #install; #start };

  public type UpgradeResult = {
    #ok : { snapshot_id : ?Blob };
    #err : {
      step : Step;
      reject_code : Nat32;
      message : Text;
      // The snapshot taken before the step that failed, if any: a rollback needs it.
      snapshot_id : ?Blob;
      // Whether the canister is left stopped (a start failed); otherwise it runs, on its old module unless the start failed.
      stopped : Bool;
    };
  };

  type Management = actor {
    stop_canister : { canister_id : Principal } -> async ();
    start_canister : { canister_id : Principal } -> async ();
    take_canister_snapshot : { canister_id : Principal; replace_snapshot : ?Blob } -> async { id : Blob };
    install_chunked_code : {
      mode : {
        #install;
        #reinstall;
        #upgrade : ?{ skip_pre_upgrade : ?Bool; wasm_memory_persistence : ?WasmMemoryPersistence };
      };
      target_canister : Principal;
      store_canister : ?Principal;
      chunk_hashes_list : [{ hash : Blob }];
      wasm_module_hash : Blob;
      arg : Blob;
    } -> async ();
  };

  transient let ic : Management = actor "aaaaa-aa";

  func rejectCode(e : Error.Error) : Nat32 {
    switch (Error.code(e)) {
      case (#system_fatal) 1;
      case (#system_transient) 2;
      case (#destination_invalid) 3;
      case (#canister_reject) 4;
      case (#canister_error) 5;
      case (#system_unknown) 6;
      case (#future n) n;
      case (#call_error { err_code }) err_code;
    };
  };

  func failed(step : Step, e : Error.Error, snapshot : ?Blob, stopped : Bool) : UpgradeResult {
    #err({ step; reject_code = rejectCode(e); message = Error.message(e); snapshot_id = snapshot; stopped });
  };

  // stop → snapshot (when asked) → install_chunked_code from this canister's store → start. A failed stop changed
  // nothing; after a failed snapshot or install the canister is started again on its old module.
  public shared ({ caller }) func upgrade(args : UpgradeArgs) : async UpgradeResult {
    let self = Principal.fromActor(Upgrader);
    if (not Principal.isController(caller)) {
      Runtime.trap("upgrade may be called only by a controller of the upgrader " # Principal.toText(self) # ", not by " # Principal.toText(caller));
    };
    let target = { canister_id = args.canister_id };
    try { await ic.stop_canister(target) } catch (e) { return failed(#stop, e, null, false) };

    var snapshot : ?Blob = null;
    if (args.snapshot) {
      try {
        snapshot := ?(await ic.take_canister_snapshot({ canister_id = args.canister_id; replace_snapshot = args.replace_snapshot })).id;
      } catch (e) {
        return await restarted(#snapshot, e, null, args.canister_id);
      };
    };

    try {
      await ic.install_chunked_code({
        mode = #upgrade(?{ skip_pre_upgrade = args.skip_pre_upgrade; wasm_memory_persistence = args.wasm_memory_persistence });
        target_canister = args.canister_id;
        store_canister = ?self;
        chunk_hashes_list = Array.map<Blob, { hash : Blob }>(args.chunk_hashes_list, func(hash) = { hash });
        wasm_module_hash = args.wasm_module_hash;
        arg = args.arg;
      });
    } catch (e) {
      return await restarted(#install, e, snapshot, args.canister_id);
    };

    try { await ic.start_canister(target) } catch (e) { return failed(#start, e, snapshot, true) };
    #ok({ snapshot_id = snapshot });
  };

  // After a failed snapshot or install the old module is still in: the canister runs again unless the start fails too.
  func restarted(step : Step, e : Error.Error, snapshot : ?Blob, canister : Principal) : async UpgradeResult {
    let stopped = try { await ic.start_canister({ canister_id = canister }); false } catch (_) { true };
    failed(step, e, snapshot, stopped);
  };
};

// An ICRC-3 log of ICRC-121 orchestration blocks, written by one principal (the operator).
// It hashes every block itself, links it to its parent (phash) and certifies the tip, so any
// reader can check the whole history against the IC's signature without trusting the writer.

import Array "mo:core/Array";
import CertifiedData "mo:core/CertifiedData";
import Int "mo:core/Int";
import List "mo:core/List";
import Map "mo:core/Map";
import Nat "mo:core/Nat";
import Principal "mo:core/Principal";
import Runtime "mo:core/Runtime";
import Text "mo:core/Text";
import Time "mo:core/Time";
import Icrc3 "Icrc3";

persistent actor class AuditLog(init : {
  writer : Principal;
  // Test hook: only a log installed with this flag lets its writer overwrite a stored block.
  enable_test_hooks : ?Bool;
}) {
  public type Value = Icrc3.Value;
  public type GetArchivesArgs = { from : ?Principal };
  public type GetArchivesResult = [{ canister_id : Principal; start : Nat; end : Nat }];
  public type GetBlocksArgs = [{ start : Nat; length : Nat }];
  public type GetBlocksResult = {
    log_length : Nat;
    blocks : [{ id : Nat; block : Value }];
    archived_blocks : [{
      args : GetBlocksArgs;
      callback : shared query GetBlocksArgs -> async GetBlocksResult;
    }];
  };
  public type DataCertificate = { certificate : Blob; hash_tree : Blob };
  public type AppendArgs = { key : Text; btype : Text; tx : Value };

  let writer = init.writer;
  let testHooks = init.enable_test_hooks == ?true;
  let maxBlocksPerCall = 1000;
  let blockTypes = [
    "121upgrade_to", "121upgrade_finished", "121snapshot", "121snapshot_finished", "121clean_snapshot",
    "121revert_snapshot", "121revert_result", "121config", "121start", "121stop",
  ];

  let blocks = List.empty<Value>();
  var lastHash : ?Blob = null;
  // The writer's key of every appended block: appending the same key again answers the first index.
  let byKey = Map.empty<Text, Nat>();

  // Appends a block for the writer; idempotent per key, so a writer that lost the answer can ask again.
  public shared ({ caller }) func append(args : AppendArgs) : async Nat {
    if (caller != writer) {
      Runtime.trap("only the writer " # Principal.toText(writer) # " appends to this log, not " # Principal.toText(caller));
    };
    if (not Array.any<Text>(blockTypes, func(t) { t == args.btype })) {
      Runtime.trap("unsupported btype " # args.btype);
    };
    switch (Map.get(byKey, Text.compare, args.key)) {
      case (?index) { return index };
      case null {};
    };
    let fields = List.empty<(Text, Value)>();
    switch (lastHash) {
      case (?h) { List.add(fields, ("phash", #Blob h)) };
      case null {};
    };
    List.add(fields, ("btype", #Text(args.btype)));
    List.add(fields, ("ts", #Nat(Int.abs(Time.now()))));
    List.add(fields, ("tx", args.tx));
    let block = #Map(List.toArray(fields));
    let index = List.size(blocks);
    List.add(blocks, block);
    Map.add(byKey, Text.compare, args.key, index);
    let h = Icrc3.hashValue(block);
    lastHash := ?h;
    CertifiedData.set(Icrc3.treeRoot(index, h));
    index;
  };

  public query func writer_principal() : async Principal { writer };

  public query func icrc3_get_blocks(args : GetBlocksArgs) : async GetBlocksResult {
    let length = List.size(blocks);
    let out = List.empty<{ id : Nat; block : Value }>();
    label ranges for (range in args.vals()) {
      var i = range.start;
      let end = Nat.min(range.start + range.length, length);
      while (i < end) {
        if (List.size(out) >= maxBlocksPerCall) { break ranges };
        List.add(out, { id = i; block = List.at(blocks, i) });
        i += 1;
      };
    };
    { log_length = length; blocks = List.toArray(out); archived_blocks = [] };
  };

  public query func icrc3_get_tip_certificate() : async ?DataCertificate {
    switch (lastHash, CertifiedData.getCertificate()) {
      case (?h, ?certificate) {
        ?{ certificate; hash_tree = Icrc3.treeCbor(List.size(blocks) - 1, h) };
      };
      case _ { null };
    };
  };

  public query func icrc3_get_archives(_ : GetArchivesArgs) : async GetArchivesResult { [] };

  public query func icrc3_supported_block_types() : async [{ block_type : Text; url : Text }] {
    Array.map<Text, { block_type : Text; url : Text }>(blockTypes, func(t) { { block_type = t; url = "https://github.com/dfinity/ICRC/issues/121" } });
  };

  public query func icrc10_supported_standards() : async [{ name : Text; url : Text }] {
    [
      { name = "ICRC-3"; url = "https://github.com/dfinity/ICRC-1/tree/main/standards/ICRC-3" },
      { name = "ICRC-10"; url = "https://github.com/dfinity/ICRC/blob/main/ICRCs/ICRC-10/ICRC-10.md" },
      { name = "ICRC-121"; url = "https://github.com/dfinity/ICRC/issues/121" },
    ];
  };

  // Test hook: overwrites a stored block without re-linking or re-certifying, so tests can show
  // that a verifier notices. Refused unless the log was installed with enable_test_hooks = opt true.
  public shared ({ caller }) func test_hook_overwrite_block(index : Nat, block : Value) : async () {
    if (not testHooks) { Runtime.trap("test hooks are disabled in this log") };
    if (caller != writer) { Runtime.trap("only the writer may use test hooks") };
    if (index >= List.size(blocks)) { Runtime.trap("no block " # Nat.toText(index)) };
    List.put(blocks, index, block);
  };
};

// Calls other canisters: a canister with hello's interface, and the management canister about itself.
import Principal "mo:core/Principal";
import Error "mo:core/Error";

persistent actor Caller {
  type Hello = actor {
    increment : () -> async Nat;
    get : () -> async Nat;
  };

  type Management = actor {
    canister_status : { canister_id : Principal } -> async { cycles : Nat; module_hash : ?Blob };
  };

  var calls : Nat = 0;

  public func incrementOn(target : Principal) : async Nat {
    calls += 1;
    let hello : Hello = actor (Principal.toText(target));
    await hello.increment()
  };

  public func tryIncrementOn(target : Principal) : async Text {
    let hello : Hello = actor (Principal.toText(target));
    try {
      let value = await hello.increment();
      "replied " # debug_show value
    } catch (e) {
      "rejected " # debug_show Error.code(e) # ": " # Error.message(e)
    }
  };

  public func ownCycles() : async Nat {
    let ic : Management = actor "aaaaa-aa";
    let status = await ic.canister_status({ canister_id = Principal.fromActor(Caller) });
    status.cycles
  };

  public query func callCount() : async Nat { calls };
};

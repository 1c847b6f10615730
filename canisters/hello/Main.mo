// The canister `make run` deploys: a counter that survives upgrades and a health check.
import Debug "mo:core/Debug";

persistent actor Hello {
  var counter : Nat = 0;

  public func increment() : async Nat {
    counter += 1;
    Debug.print("counter is now " # debug_show counter);
    counter
  };

  public query func get() : async Nat { counter };

  public query func greet(name : Text) : async Text { "Hello, " # name # "!" };

  public query func version() : async Text { "1.0.0" };

  public query func health() : async { #ok; #degraded : Text } { #ok };

  public query (message) func whoami() : async Principal { message.caller };
};

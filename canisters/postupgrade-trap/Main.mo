// hello's interface and state, but every upgrade to it fails in postupgrade: the upgrade must leave the old code and state.
import Debug "mo:core/Debug";
import Runtime "mo:core/Runtime";

persistent actor Hello {
  var counter : Nat = 0;

  public func increment() : async Nat {
    counter += 1;
    Debug.print("counter is now " # debug_show counter);
    counter
  };

  public query func get() : async Nat { counter };

  public query func greet(name : Text) : async Text { "Hello, " # name # "!" };

  public query func version() : async Text { "3.0.0" };

  public query func health() : async { #ok; #degraded : Text } { #ok };

  public query (message) func whoami() : async Principal { message.caller };

  system func postupgrade() {
    Runtime.trap("postupgrade failed: the migration of counter " # debug_show counter # " is not possible");
  };
};

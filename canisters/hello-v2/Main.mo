// Version 2 of hello: same state and interface, but its health check reports it degraded.
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

  public query func version() : async Text { "2.0.0" };

  public query func health() : async { #ok; #degraded : Text } { #degraded "version 2 cannot reach its dependencies" };

  public query (message) func whoami() : async Principal { message.caller };
};

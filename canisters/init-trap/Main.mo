// A canister whose initialisation always fails: an install must leave the canister empty.
import Runtime "mo:core/Runtime";

persistent actor {
  transient let ready : Bool = Runtime.trap("init failed: no configuration given");

  public query func health() : async { #ok; #degraded : Text } { if ready #ok else #degraded "not ready" };
};

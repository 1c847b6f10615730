using IcOperator.Orchestration;

namespace IcOperator.Controllers;

/// <summary>The canister as observed before a wait, and until when it may stand in for a new observation.</summary>
internal sealed record WaitedObservation(ObservedCanister Observed, DateTimeOffset FreshUntil);

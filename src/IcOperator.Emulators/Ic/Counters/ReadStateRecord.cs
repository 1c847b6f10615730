using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Counters;

/// <summary>
/// One read_state request: the principal it went through (a canister, or a subnet when <see cref="ThroughSubnet"/>) and
/// the first label of each path it asked for (e.g. <c>time</c>, <c>subnet</c>, <c>request_status</c>).
/// </summary>
public sealed record ReadStateRecord(Principal Through, bool ThroughSubnet, IReadOnlyList<string> Roots);

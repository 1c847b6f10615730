using System.Numerics;

namespace IcOperator.Agent.Management;

/// <summary>Query statistics in <c>canister_status</c>.</summary>
public sealed record QueryStats(BigInteger NumCallsTotal, BigInteger NumInstructionsTotal, BigInteger RequestPayloadBytesTotal, BigInteger ResponsePayloadBytesTotal);

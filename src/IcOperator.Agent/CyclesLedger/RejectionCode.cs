using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary>The reject code of the deposit the ledger attempted.</summary>
public enum RejectionCode
{
    [CandidName("NoError")]
    NoError,
    [CandidName("SysFatal")]
    SysFatal,
    [CandidName("SysTransient")]
    SysTransient,
    [CandidName("DestinationInvalid")]
    DestinationInvalid,
    [CandidName("CanisterReject")]
    CanisterReject,
    [CandidName("CanisterError")]
    CanisterError,
    [CandidName("Unknown")]
    Unknown,
}

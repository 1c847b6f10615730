using System.Numerics;
using IcOperator.Candid;

namespace IcOperator.Emulators.Ic.Cycles;

/// <summary>The <c>Ok</c> or <c>Err</c> of a cycles ledger transaction: the block index (and the canister created), or the error.</summary>
public sealed record CyclesLedgerResult(BigInteger? BlockIndex, Principal? CanisterId, CyclesLedgerError? Error)
{
    public bool IsOk => Error is null;

    public static CyclesLedgerResult Ok(BigInteger block, Principal? canister = null) => new(block, canister, null);

    public static CyclesLedgerResult Err(CyclesLedgerError error) => new(null, null, error);
}

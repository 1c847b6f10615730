using System.Numerics;
using IcOperator.Agent.Transport;
using IcOperator.Candid;

namespace IcOperator.Agent.CyclesLedger;

/// <summary>
/// The cycles ledger (<c>um5iw-rqaaa-aaaaq-qaaba-cai</c> on mainnet): creates canisters paid from the caller's cycles
/// and tops canisters up. Both take a <c>created_at_time</c> so that resending after a crash is answered as a duplicate.
/// </summary>
public sealed class CyclesLedgerClient(IIcAgent agent, Principal? ledgerId = null)
{
    public static Principal MainnetId { get; } = Principal.Parse("um5iw-rqaaa-aaaaq-qaaba-cai");

    private readonly IIcAgent agent = agent ?? throw new ArgumentNullException(nameof(agent));

    public Principal LedgerId { get; } = ledgerId ?? MainnetId;

    /// <summary>
    /// Creates a canister with <paramref name="amount"/> cycles. A duplicate of an earlier request with the same
    /// <paramref name="createdAtTimeNanos"/> returns the canister that request created.
    /// </summary>
    public async Task<Principal> CreateCanisterAsync(BigInteger amount, ulong createdAtTimeNanos, LedgerCanisterSettings? settings = null, SubnetSelection? subnet = null, CancellationToken cancellationToken = default)
    {
        var args = new LedgerCreateCanisterArgs(null, createdAtTimeNanos, amount, settings is null && subnet is null ? null : new CmcCreateCanisterArgs(settings, subnet));
        var reply = await agent.CallAsync(LedgerId, "create_canister", CandidSerializer.Encode(args), LedgerId, cancellationToken);
        return CandidSerializer.Decode<CreateCanisterOutcome>(reply) switch
        {
            CreateCanisterOutcome.Ok ok => ok.Value.CanisterId,
            CreateCanisterOutcome.Err { Value: CreateCanisterError.Duplicate { CanisterId: { } existing } } => existing,
            CreateCanisterOutcome.Err err => throw new CyclesLedgerException("create_canister", err.Value),
            var other => throw new CyclesLedgerException("create_canister", other),
        };
    }

    /// <summary>Sends cycles to a canister; returns the ledger block. A duplicate returns the block of the earlier withdrawal.</summary>
    public async Task<BigInteger> WithdrawAsync(Principal to, BigInteger amount, ulong createdAtTimeNanos, CancellationToken cancellationToken = default)
    {
        var args = new WithdrawArgs(null, to, createdAtTimeNanos, amount);
        var reply = await agent.CallAsync(LedgerId, "withdraw", CandidSerializer.Encode(args), LedgerId, cancellationToken);
        return CandidSerializer.Decode<WithdrawOutcome>(reply) switch
        {
            WithdrawOutcome.Ok ok => ok.Value,
            WithdrawOutcome.Err { Value: WithdrawError.Duplicate duplicate } => duplicate.DuplicateOf,
            WithdrawOutcome.Err err => throw new CyclesLedgerException("withdraw", err.Value),
            var other => throw new CyclesLedgerException("withdraw", other),
        };
    }

    /// <summary>The cycles held by an account on the ledger (ICRC-1 balance, a query).</summary>
    public async Task<BigInteger> BalanceAsync(Principal owner, CancellationToken cancellationToken = default)
    {
        var reply = await agent.QueryAsync(LedgerId, "icrc1_balance_of", CandidSerializer.Encode(new LedgerAccount(owner, null)), LedgerId, cancellationToken);
        return CandidDecoder.Decode(reply, [CandidType.Nat])[0].AsBigInteger();
    }
}

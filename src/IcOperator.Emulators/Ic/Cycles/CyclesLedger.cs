using System.Numerics;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Rejects;
using IcOperator.Emulators.Ic.State;

namespace IcOperator.Emulators.Ic.Cycles;

/// <summary>
/// The cycles ledger's part the operator uses: balances, <c>create_canister</c> and <c>withdraw</c> with
/// <c>created_at_time</c> deduplication (a repeated transaction answers <c>Duplicate</c>). Callers hold the state's gate.
/// </summary>
internal sealed class CyclesLedger(ReplicatedState state, ManagementCanister management)
{
    public static readonly Principal Id = Principal.Parse("um5iw-rqaaa-aaaaq-qaaba-cai");

    /// <summary>The fee of every cycles ledger transaction.</summary>
    public static readonly BigInteger Fee = 100_000_000;

    // A transaction with created_at_time is deduplicated for a day; clocks may drift by two minutes.
    public static readonly TimeSpan TransactionWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan PermittedDrift = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, BigInteger> balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (BigInteger Block, Principal? Canister)> recent = new(StringComparer.Ordinal);
    private BigInteger nextBlock;

    public BigInteger BalanceOf(Principal owner, byte[]? subaccount) => balances.GetValueOrDefault(Account(owner, subaccount));

    /// <summary>Credits an account, as a deposit would.</summary>
    public BigInteger Mint(Principal owner, byte[]? subaccount, BigInteger amount)
    {
        var account = Account(owner, subaccount);
        balances[account] = balances.GetValueOrDefault(account) + amount;
        return nextBlock++;
    }

    public CyclesLedgerResult CreateCanister(Principal caller, byte[]? fromSubaccount, ulong? createdAtTime, BigInteger amount, CanisterSettingsUpdate? settings, Principal? subnet = null)
    {
        var key = $"create|{Account(caller, fromSubaccount)}|{amount}|{createdAtTime}";
        if (Precheck(key, createdAtTime, out var early))
        {
            return early;
        }

        var account = Account(caller, fromSubaccount);
        var balance = balances.GetValueOrDefault(account);
        if (balance < amount + Fee)
        {
            return CyclesLedgerResult.Err(new CyclesLedgerError("InsufficientFunds") { Balance = balance });
        }

        Principal canister;
        try
        {
            canister = management.CreateCanisterWithCycles(caller, settings, amount, subnet);
        }
        catch (IcRejectException e)
        {
            // The ledger keeps the fee and refunds the rest, as the real one does after a failed creation.
            balances[account] = balance - Fee;
            var feeBlock = nextBlock++;
            return CyclesLedgerResult.Err(new CyclesLedgerError("FailedToCreate") { FeeBlock = feeBlock, Message = e.Message });
        }

        balances[account] = balance - amount - Fee;
        var block = nextBlock++;
        Remember(key, createdAtTime, block, canister);
        return CyclesLedgerResult.Ok(block, canister);
    }

    public CyclesLedgerResult Withdraw(Principal caller, byte[]? fromSubaccount, Principal to, ulong? createdAtTime, BigInteger amount)
    {
        var key = $"withdraw|{Account(caller, fromSubaccount)}|{to}|{amount}|{createdAtTime}";
        if (Precheck(key, createdAtTime, out var early))
        {
            return early;
        }

        if (state.Find(to) is not { } target)
        {
            return CyclesLedgerResult.Err(new CyclesLedgerError("InvalidReceiver") { Receiver = to });
        }

        var account = Account(caller, fromSubaccount);
        var balance = balances.GetValueOrDefault(account);
        if (balance < amount + Fee)
        {
            return CyclesLedgerResult.Err(new CyclesLedgerError("InsufficientFunds") { Balance = balance });
        }

        balances[account] = balance - amount - Fee;
        target.Cycles += amount;
        var block = nextBlock++;
        Remember(key, createdAtTime, block, null);
        return CyclesLedgerResult.Ok(block);
    }

    private bool Precheck(string key, ulong? createdAtTime, out CyclesLedgerResult result)
    {
        result = CyclesLedgerResult.Ok(0);
        if (createdAtTime is not { } nanos)
        {
            return false;
        }

        var now = state.Now;
        var nowNanos = (ulong)(now - DateTimeOffset.UnixEpoch).Ticks * 100;
        var at = DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));
        if (at + TransactionWindow + PermittedDrift < now)
        {
            result = CyclesLedgerResult.Err(new CyclesLedgerError("TooOld"));
            return true;
        }

        if (at > now + PermittedDrift)
        {
            result = CyclesLedgerResult.Err(new CyclesLedgerError("CreatedInFuture") { LedgerTime = nowNanos });
            return true;
        }

        if (recent.TryGetValue(key, out var earlier))
        {
            result = CyclesLedgerResult.Err(new CyclesLedgerError("Duplicate") { DuplicateOf = earlier.Block, CanisterId = earlier.Canister });
            return true;
        }

        return false;
    }

    private void Remember(string key, ulong? createdAtTime, BigInteger block, Principal? canister)
    {
        if (createdAtTime is not null)
        {
            recent[key] = (block, canister);
        }
    }

    private static string Account(Principal owner, byte[]? subaccount) =>
        subaccount is null || subaccount.All(b => b == 0) ? owner.ToString() : $"{owner}.{Convert.ToHexStringLower(subaccount)}";
}

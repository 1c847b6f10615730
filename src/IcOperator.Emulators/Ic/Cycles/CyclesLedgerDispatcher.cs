using IcOperator.Candid;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Ic.Cycles;

/// <summary>The cycles ledger on the wire: Candid in, <see cref="CyclesLedger"/>, Candid out.</summary>
internal sealed class CyclesLedgerDispatcher(CyclesLedger ledger)
{
    private static readonly DidFile Interface = DidFile.Parse(CyclesLedgerInterface.Did);

    public byte[] Execute(Principal caller, string method, byte[] arg, CallKind kind)
    {
        var func = Interface.Service?.Find(method)?.Type ?? throw new IcRejectException(
            IcRejectCode.DestinationInvalid, IcErrorCode.CanisterMethodNotFound, $"Error from Canister {CyclesLedger.Id}: Canister has no update method '{method}'.");
        if (kind == CallKind.Query && !func.IsQuery)
        {
            throw new IcRejectException(IcRejectCode.DestinationInvalid, IcErrorCode.CanisterMethodNotFound,
                $"Error from Canister {CyclesLedger.Id}: Canister has no query method '{method}'.");
        }

        CandidValue input;
        try
        {
            var values = CandidDecoder.Decode(arg, func.Arguments);
            input = values.Count > 0 ? values[0] : CandidValue.Null;
        }
        catch (CandidException e)
        {
            throw new IcRejectException(IcRejectCode.CanisterError, IcErrorCode.CanisterCalledTrap,
                $"Error from Canister {CyclesLedger.Id}: Canister called `ic0.trap` with message: 'failed to decode call arguments: {e.Message}'.");
        }

        var result = method switch
        {
            "icrc1_balance_of" => CandidValue.Nat(ledger.BalanceOf(input["owner"].AsPrincipal(), CandidArgs.Opt(input, "subaccount")?.AsBytes())),
            "icrc1_fee" => CandidValue.Nat(CyclesLedger.Fee),
            "create_canister" => CreateCanister(caller, input),
            _ => Withdraw(caller, input),
        };
        return CandidEncoder.Encode(func.Results, [result]);
    }

    private CandidValue CreateCanister(Principal caller, CandidValue a)
    {
        var creation = CandidArgs.Opt(a, "creation_args");
        var settings = creation is null ? null : CandidArgs.Settings(CandidArgs.Opt(creation, "settings"));

        // A subnet named by subnet_selection = Subnet; a Filter lets the network choose, as the first subnet.
        var selection = creation is null ? null : CandidArgs.Opt(creation, "subnet_selection");
        var subnet = selection is CandidVariant chosen && chosen.Is("Subnet") ? chosen.Value["subnet"].AsPrincipal() : null;
        var result = ledger.CreateCanister(caller, CandidArgs.Opt(a, "from_subaccount")?.AsBytes(), CandidArgs.Opt(a, "created_at_time")?.AsUInt64(), a["amount"].AsBigInteger(), settings, subnet);
        if (result.Error is not { } error)
        {
            return CandidValue.Variant("Ok", CandidValue.Record(("block_id", CandidValue.Nat(result.BlockIndex!.Value)), ("canister_id", CandidValue.Principal(result.CanisterId!))));
        }

        return CandidValue.Variant("Err", error.Variant switch
        {
            "InsufficientFunds" => CandidValue.Variant("InsufficientFunds", CandidValue.Record(("balance", CandidValue.Nat(error.Balance!.Value)))),
            "CreatedInFuture" => CandidValue.Variant("CreatedInFuture", CandidValue.Record(("ledger_time", CandidValue.Nat64(error.LedgerTime!.Value)))),
            "Duplicate" => CandidValue.Variant("Duplicate", CandidValue.Record(
                ("duplicate_of", CandidValue.Nat(error.DuplicateOf!.Value)),
                ("canister_id", error.CanisterId is null ? CandidValue.None : CandidValue.Some(CandidValue.Principal(error.CanisterId))))),
            "FailedToCreate" => CandidValue.Variant("FailedToCreate", CandidValue.Record(
                ("fee_block", error.FeeBlock is null ? CandidValue.None : CandidValue.Some(CandidValue.Nat(error.FeeBlock.Value))),
                ("refund_block", CandidValue.None),
                ("error", CandidValue.Text(error.Message ?? string.Empty)))),
            _ => CandidValue.Variant(error.Variant),
        });
    }

    private CandidValue Withdraw(Principal caller, CandidValue a)
    {
        var result = ledger.Withdraw(caller, CandidArgs.Opt(a, "from_subaccount")?.AsBytes(), a["to"].AsPrincipal(), CandidArgs.Opt(a, "created_at_time")?.AsUInt64(), a["amount"].AsBigInteger());
        if (result.Error is not { } error)
        {
            return CandidValue.Variant("Ok", CandidValue.Nat(result.BlockIndex!.Value));
        }

        return CandidValue.Variant("Err", error.Variant switch
        {
            "InsufficientFunds" => CandidValue.Variant("InsufficientFunds", CandidValue.Record(("balance", CandidValue.Nat(error.Balance!.Value)))),
            "CreatedInFuture" => CandidValue.Variant("CreatedInFuture", CandidValue.Record(("ledger_time", CandidValue.Nat64(error.LedgerTime!.Value)))),
            "Duplicate" => CandidValue.Variant("Duplicate", CandidValue.Record(("duplicate_of", CandidValue.Nat(error.DuplicateOf!.Value)))),
            "InvalidReceiver" => CandidValue.Variant("InvalidReceiver", CandidValue.Record(("receiver", CandidValue.Principal(error.Receiver!)))),
            _ => CandidValue.Variant(error.Variant),
        });
    }
}

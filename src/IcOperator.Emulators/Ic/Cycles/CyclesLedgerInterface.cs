namespace IcOperator.Emulators.Ic.Cycles;

/// <summary>The part of the cycles ledger's Candid interface the emulator serves (after dfinity/cycles-ledger's cycles-ledger.did).</summary>
internal static class CyclesLedgerInterface
{
    public const string Did = """
        type Account = record { owner : principal; subaccount : opt blob };
        type LogVisibility = variant { controllers; public; allowed_viewers : vec principal };
        type CanisterSettings = record {
          controllers : opt vec principal;
          compute_allocation : opt nat;
          memory_allocation : opt nat;
          freezing_threshold : opt nat;
          reserved_cycles_limit : opt nat;
          log_visibility : opt LogVisibility;
          wasm_memory_limit : opt nat;
          wasm_memory_threshold : opt nat;
        };
        type SubnetFilter = record { subnet_type : opt text };
        type SubnetSelection = variant { Subnet : record { subnet : principal }; Filter : SubnetFilter };
        type CmcCreateCanisterArgs = record { settings : opt CanisterSettings; subnet_selection : opt SubnetSelection };
        type CreateCanisterArgs = record {
          from_subaccount : opt blob;
          created_at_time : opt nat64;
          amount : nat;
          creation_args : opt CmcCreateCanisterArgs;
        };
        type CreateCanisterSuccess = record { block_id : nat; canister_id : principal };
        type CreateCanisterError = variant {
          InsufficientFunds : record { balance : nat };
          TooOld;
          CreatedInFuture : record { ledger_time : nat64 };
          TemporarilyUnavailable;
          Duplicate : record { duplicate_of : nat; canister_id : opt principal };
          FailedToCreate : record { fee_block : opt nat; refund_block : opt nat; error : text };
          GenericError : record { message : text; error_code : nat };
        };
        type WithdrawArgs = record { amount : nat; from_subaccount : opt blob; to : principal; created_at_time : opt nat64 };
        type RejectionCode = variant { NoError; CanisterError; SysTransient; DestinationInvalid; Unknown; SysFatal; CanisterReject };
        type WithdrawError = variant {
          FailedToWithdraw : record { fee_block : opt nat; rejection_code : RejectionCode; rejection_reason : text };
          GenericError : record { message : text; error_code : nat };
          TemporarilyUnavailable;
          Duplicate : record { duplicate_of : nat };
          BadFee : record { expected_fee : nat };
          InvalidReceiver : record { receiver : principal };
          CreatedInFuture : record { ledger_time : nat64 };
          TooOld;
          InsufficientFunds : record { balance : nat };
        };
        service : {
          icrc1_balance_of : (Account) -> (nat) query;
          icrc1_fee : () -> (nat) query;
          create_canister : (CreateCanisterArgs) -> (variant { Ok : CreateCanisterSuccess; Err : CreateCanisterError });
          withdraw : (WithdrawArgs) -> (variant { Ok : nat; Err : WithdrawError });
        }
        """;
}

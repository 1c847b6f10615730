using System.Numerics;
using IcOperator.Agent.CyclesLedger;
using IcOperator.Agent.Tests.Support;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.CyclesLedger;

public class CyclesLedgerClientTests
{
    // The cycles ledger's interface for these methods, as its README documents it.
    private static readonly DidFile Ledger = DidFile.Parse("""
        type BlockIndex = nat;
        type CanisterSettings = record { controllers : opt vec principal; compute_allocation : opt nat; memory_allocation : opt nat; freezing_threshold : opt nat; reserved_cycles_limit : opt nat };
        type SubnetFilter = record { subnet_type : opt text };
        type SubnetSelection = variant { Subnet : record { subnet : principal }; Filter : SubnetFilter };
        type CmcCreateCanisterArgs = record { settings : opt CanisterSettings; subnet_selection : opt SubnetSelection };
        type CreateCanisterArgs = record { from_subaccount : opt vec nat8; created_at_time : opt nat64; amount : nat; creation_args : opt CmcCreateCanisterArgs };
        type CreateCanisterSuccess = record { block_id : BlockIndex; canister_id : principal };
        type CreateCanisterError = variant {
          InsufficientFunds : record { balance : nat }; TooOld; CreatedInFuture : record { ledger_time : nat64 }; TemporarilyUnavailable;
          Duplicate : record { duplicate_of : nat; canister_id : opt principal };
          FailedToCreate : record { fee_block : opt BlockIndex; refund_block : opt BlockIndex; error : text };
          GenericError : record { message : text; error_code : nat } };
        type RejectionCode = variant { NoError; CanisterError; SysTransient; DestinationInvalid; Unknown; SysFatal; CanisterReject };
        type WithdrawArgs = record { amount : nat; from_subaccount : opt vec nat8; to : principal; created_at_time : opt nat64 };
        type WithdrawError = variant {
          BadFee : record { expected_fee : nat }; InsufficientFunds : record { balance : nat }; TooOld; CreatedInFuture : record { ledger_time : nat64 };
          TemporarilyUnavailable; Duplicate : record { duplicate_of : nat };
          FailedToWithdraw : record { fee_block : opt nat; rejection_code : RejectionCode; rejection_reason : text };
          GenericError : record { message : text; error_code : nat }; InvalidReceiver : record { receiver : principal } };
        type Account = record { owner : principal; subaccount : opt vec nat8 };
        service : {
          create_canister : (CreateCanisterArgs) -> (variant { Ok : CreateCanisterSuccess; Err : CreateCanisterError });
          withdraw : (WithdrawArgs) -> (variant { Ok : BlockIndex; Err : WithdrawError });
          icrc1_balance_of : (Account) -> (nat) query;
        }
        """);

    private static readonly Principal Created = Principal.Parse("rrkah-fqaaa-aaaaa-aaaaq-cai");
    private readonly RecordingAgent agent = new();

    [Fact]
    public async Task Create_canister_sends_created_at_time_and_settings_the_ledger_accepts()
    {
        Reply("create_canister", $"(variant {{ Ok = record {{ block_id = 7; canister_id = principal \"{Created}\" }} }})");
        var client = new CyclesLedgerClient(agent);
        var id = await client.CreateCanisterAsync(2_000_000_000_000, 1_700_000_000_000_000_000, new LedgerCanisterSettings { Controllers = [agent.Sender] }, new SubnetSelection.Filter(new SubnetFilter("fiduciary")));
        id.Should().Be(Created);
        var sent = agent.Sent.Single();
        sent.Canister.Should().Be(CyclesLedgerClient.MainnetId);
        sent.EffectiveCanisterId.Should().Be(CyclesLedgerClient.MainnetId);
        var types = Ledger.GetMethod("create_canister").Arguments;
        var text = CandidText.PrintArguments(CandidDecoder.Decode(sent.Arg, types), types);
        text.Should().Contain("created_at_time = opt 1_700_000_000_000_000_000").And.Contain("amount = 2_000_000_000_000")
            .And.Contain("subnet_type = opt \"fiduciary\"").And.Contain($"controllers = opt vec {{ principal \"{agent.Sender}\" }}");
    }

    [Fact]
    public async Task A_duplicate_create_returns_the_canister_the_first_request_made()
    {
        Reply("create_canister", $"(variant {{ Err = variant {{ Duplicate = record {{ duplicate_of = 3; canister_id = opt principal \"{Created}\" }} }} }})");
        (await new CyclesLedgerClient(agent).CreateCanisterAsync(1, 5)).Should().Be(Created);
    }

    [Fact]
    public async Task Ledger_errors_are_typed()
    {
        Reply("create_canister", "(variant { Err = variant { InsufficientFunds = record { balance = 12 } } })");
        var act = () => new CyclesLedgerClient(agent).CreateCanisterAsync(1, 5);
        var error = (await act.Should().ThrowAsync<CyclesLedgerException>()).Which;
        error.Error.Should().Be(new CreateCanisterError.InsufficientFunds(12));
        error.Message.Should().Contain("create_canister").And.Contain("Balance = 12");
    }

    [Fact]
    public async Task Withdraw_tops_up_and_a_duplicate_is_not_an_error()
    {
        var client = new CyclesLedgerClient(agent);
        Reply("withdraw", "(variant { Ok = 99 })");
        (await client.WithdrawAsync(Created, 500, 11)).Should().Be(new BigInteger(99));
        var types = Ledger.GetMethod("withdraw").Arguments;
        CandidText.PrintArguments(CandidDecoder.Decode(agent.Sent[0].Arg, types), types).Should().Contain($"to = principal \"{Created}\"").And.Contain("created_at_time = opt 11");

        Reply("withdraw", "(variant { Err = variant { Duplicate = record { duplicate_of = 99 } } })");
        (await client.WithdrawAsync(Created, 500, 11)).Should().Be(new BigInteger(99));

        Reply("withdraw", "(variant { Err = variant { FailedToWithdraw = record { fee_block = null; rejection_code = variant { DestinationInvalid }; rejection_reason = \"gone\" } } })");
        var act = () => client.WithdrawAsync(Created, 500, 12);
        (await act.Should().ThrowAsync<CyclesLedgerException>()).Which.Error.Should().Be(new WithdrawError.FailedToWithdraw(null, RejectionCode.DestinationInvalid, "gone"));
    }

    [Fact]
    public async Task Balance_is_a_query_of_the_callers_account()
    {
        Reply("icrc1_balance_of", "(1_000_000 : nat)");
        (await new CyclesLedgerClient(agent).BalanceAsync(agent.Sender)).Should().Be(new BigInteger(1_000_000));
        agent.Sent.Single().Query.Should().BeTrue();
        var types = Ledger.GetMethod("icrc1_balance_of").Arguments;
        CandidText.PrintArguments(CandidDecoder.Decode(agent.Sent[0].Arg, types), types).Should().Contain($"owner = principal \"{agent.Sender}\"");
    }

    private void Reply(string method, string text) => agent.Replies[method] = _ => CandidText.EncodeArguments(text, Ledger.GetMethod(method).Results);
}

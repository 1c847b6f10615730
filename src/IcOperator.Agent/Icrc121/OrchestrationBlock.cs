using IcOperator.Agent.Icrc3;

namespace IcOperator.Agent.Icrc121;

/// <summary>An ICRC-121 block before the log adds <c>phash</c> and <c>ts</c>: its <c>btype</c> and its <c>tx</c>.</summary>
public sealed record OrchestrationBlock(string BlockType, Icrc3Map Transaction)
{
    public Icrc3Value Caller => Transaction.Require("caller", BlockType);

    public Candid.Principal Canister => Candid.Principal.FromBytes(Transaction.Require("canister_id", BlockType).AsBlob($"{BlockType}.canister_id"));
}

using IcOperator.Agent.Icrc121;
using IcOperator.Agent.Icrc3;
using IcOperator.Agent.Transport;
using IcOperator.Candid;

namespace IcOperator.Audit;

/// <summary>The audit log canister's writer method: <c>append : (record { key : text; btype : text; tx : Value }) -> (nat)</c>.</summary>
internal sealed class AuditLogCanister(IIcAgent agent, Principal canister) : IAuditLog
{
    public static readonly CandidType AppendArgs = CandidType.Record(
        new CandidField("key", CandidType.Text), new CandidField("btype", CandidType.Text), new CandidField("tx", Icrc3Interface.Value));

    public async Task<ulong> AppendAsync(string key, OrchestrationBlock block, CancellationToken cancellationToken)
    {
        var arg = CandidEncoder.EncodeOne(AppendArgs, CandidValue.Record(
            ("key", CandidValue.Text(key)), ("btype", CandidValue.Text(block.BlockType)), ("tx", Icrc3Codec.ToCandid(block.Transaction))));
        var reply = await agent.CallAsync(canister, "append", arg, cancellationToken: cancellationToken);
        return CandidDecoder.DecodeOne(reply, CandidType.Nat).AsUInt64();
    }
}

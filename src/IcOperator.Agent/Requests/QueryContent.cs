using IcOperator.Agent.Cbor;
using IcOperator.Candid;

namespace IcOperator.Agent.Requests;

/// <summary>A query call: answered by one replica without consensus.</summary>
public sealed record QueryContent : RequestContent
{
    public required Principal CanisterId { get; init; }

    public required string MethodName { get; init; }

    public required byte[] Arg { get; init; }

    public override string RequestType => "query";

    private protected override void AddFields(List<(string, CborValue)> entries)
    {
        entries.Add(("canister_id", new CborBytes(CanisterId.Bytes)));
        entries.Add(("method_name", MethodName));
        entries.Add(("arg", CborBytes.Sharing(Arg)));
    }
}

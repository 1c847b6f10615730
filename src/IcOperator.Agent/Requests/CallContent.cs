using IcOperator.Agent.Cbor;
using IcOperator.Candid;

namespace IcOperator.Agent.Requests;

/// <summary>An update call: executed by the canister's subnet in consensus.</summary>
public sealed record CallContent : RequestContent
{
    public required Principal CanisterId { get; init; }

    public required string MethodName { get; init; }

    public required byte[] Arg { get; init; }

    public override string RequestType => "call";

    private protected override void AddFields(List<(string, CborValue)> entries)
    {
        entries.Add(("canister_id", new CborBytes(CanisterId.Bytes)));
        entries.Add(("method_name", MethodName));
        entries.Add(("arg", CborBytes.Sharing(Arg)));
    }
}

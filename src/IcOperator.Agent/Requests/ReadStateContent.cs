using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.Requests;

/// <summary>A read_state request for paths of the certified state tree.</summary>
public sealed record ReadStateContent : RequestContent
{
    public required IReadOnlyList<IReadOnlyList<byte[]>> Paths { get; init; }

    public override string RequestType => "read_state";

    private protected override void AddFields(List<(string, CborValue)> entries) =>
        entries.Add(("paths", new CborArray(Paths.Select(p => (CborValue)new CborArray(p.Select(l => (CborValue)new CborBytes(l)).ToArray())).ToArray())));
}

using System.Numerics;

namespace IcOperator.Agent.Icrc3;

/// <summary>A block as a log serves it: its index and its value (a Map with <c>phash</c>, <c>btype</c>, <c>ts</c>, <c>tx</c>).</summary>
public sealed record Icrc3Block(BigInteger Id, Icrc3Value Block)
{
    public Icrc3Map Fields => Block.AsMap($"block {Id}");

    /// <summary>The parent's hash; absent only in block 0.</summary>
    public byte[]? ParentHash => Fields.Find("phash")?.AsBlob($"block {Id}.phash");

    public string? BlockType => Fields.Find("btype")?.AsText($"block {Id}.btype");

    public BigInteger? Timestamp => Fields.Find("ts")?.AsNat($"block {Id}.ts");

    public Icrc3Map? Transaction => Fields.Find("tx")?.AsMap($"block {Id}.tx");

    public byte[] Hash() => Block.Hash();
}

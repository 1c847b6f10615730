using System.Numerics;

namespace IcOperator.Candid.Tests.Typed;

public sealed class Tree
{
    [CandidName("label")]
    public string Name { get; set; } = string.Empty;

    public List<Tree> Children { get; set; } = [];

    [CandidKind(CandidTypeKind.Int)]
    public BigInteger Weight { get; set; }

    [CandidIgnore]
    public int Cached { get; set; }
}

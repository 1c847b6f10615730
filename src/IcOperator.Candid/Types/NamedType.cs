namespace IcOperator.Candid;

/// <summary>A type defined by name in a <c>.did</c> file (<c>type List = opt record { head : int; tail : List }</c>).</summary>
public sealed class NamedType : CandidType
{
    private CandidType? definition;

    internal NamedType(string name) => Name = name;

    public string Name { get; }

    public CandidType Definition => definition ?? throw new CandidException($"type {Name} is used but never defined");

    public override CandidTypeKind Kind => Resolved.Kind;

    public override CandidType Resolved
    {
        get
        {
            CandidType t = this;
            var steps = 0;
            while (t is NamedType named)
            {
                t = named.Definition;
                if (++steps > 10_000)
                {
                    throw new CandidException($"type {Name} is defined only in terms of itself");
                }
            }

            return t;
        }
    }

    internal bool IsDefined => definition is not null;

    internal void Define(CandidType type) => definition = type;
}

namespace IcOperator.Candid;

/// <summary>The annotations of a function type; the values are the binary annotation bytes.</summary>
public enum FuncMode
{
    Update = 0,
    Query = 1,
    Oneway = 2,
    CompositeQuery = 3,
}

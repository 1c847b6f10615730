namespace IcOperator.Candid;

/// <summary>How deeply types and values may nest anywhere in the library, so recursion never exhausts the stack.</summary>
internal static class Nesting
{
    public const int Limit = 512;

    public static CandidException TooDeep(string what) => new($"{what} nest deeper than {Limit} levels");
}

namespace IcOperator.Candid.Tests.Did;

/// <summary>Random types of every constructor (without <c>empty</c>, which has no values), a few levels deep.</summary>
internal sealed class TypeGenerator(int seed)
{
    private static readonly CandidTypeKind[] Primitives =
    [
        CandidTypeKind.Null, CandidTypeKind.Bool, CandidTypeKind.Nat, CandidTypeKind.Int, CandidTypeKind.Nat8, CandidTypeKind.Nat16,
        CandidTypeKind.Nat32, CandidTypeKind.Nat64, CandidTypeKind.Int8, CandidTypeKind.Int16, CandidTypeKind.Int32, CandidTypeKind.Int64,
        CandidTypeKind.Float32, CandidTypeKind.Float64, CandidTypeKind.Text, CandidTypeKind.Reserved, CandidTypeKind.Principal,
    ];

    // No names of the form _N_: @icp-sdk/core reads those as the numeric id N.
    private static readonly string[] Names = ["a", "owner", "cycles", "_under", "Ok", "err", "with space", "☃", "x2", "memo"];

    private readonly Random random = new(seed);

    public CandidType Next(int depth = 0)
    {
        var choice = depth >= 3 ? 0 : random.Next(9);
        return choice switch
        {
            0 or 1 => CandidType.Primitive(Primitives[random.Next(Primitives.Length)]),
            2 => CandidType.Opt(Next(depth + 1)),
            3 => CandidType.Vec(Next(depth + 1)),
            4 => CandidType.Record(Fields(depth)),
            5 => CandidType.Tuple(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Next(depth + 1)).ToList()),
            6 => CandidType.Variant(Fields(depth, atLeastOne: true)),
            7 => CandidType.Func([Next(depth + 1)], [Next(depth + 1)], random.Next(2) == 0 ? [] : [FuncMode.Query]),
            _ => CandidType.Service(new ServiceMethod("get", (FuncType)CandidType.Func([], [Next(depth + 1)]))),
        };
    }

    private List<CandidField> Fields(int depth, bool atLeastOne = false)
    {
        var names = Names.OrderBy(_ => random.Next()).Take(random.Next(atLeastOne ? 1 : 0, 5));
        return [.. names.Select(n => new CandidField(n, Next(depth + 1)))];
    }
}

namespace IcOperator.Candid;

/// <summary>A nullable C# type as <c>opt T</c>: null is none.</summary>
internal sealed class OptShape(ClrShape inner) : ClrShape
{
    public override CandidType Type { get; } = CandidType.Opt(inner.Type);

    public override CandidValue ToValue(object? value, string path) =>
        value is null ? CandidOpt.NoneValue : new CandidOpt(inner.ToValue(value, path));

    public override object? FromValue(CandidValue value, string path) => value switch
    {
        CandidOpt { Value: null } or CandidNull or CandidReserved => null,
        CandidOpt { Value: { } v } => inner.FromValue(v, path),
        _ => throw Error(path, $"expected an opt value, found {value}"),
    };
}

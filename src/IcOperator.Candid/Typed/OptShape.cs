namespace IcOperator.Candid;

/// <summary>A nullable C# type as <c>opt T</c>: null is none.</summary>
internal sealed class OptShape(ClrShape inner) : ClrShape
{
    public override CandidType Type { get; } = CandidType.Opt(inner.Type);

    public override CandidValue ToValue(object? value) =>
        value is null ? CandidOpt.NoneValue : new CandidOpt(inner.ToValue(value));

    public override object? FromValue(CandidValue value) => value switch
    {
        CandidOpt { Value: null } or CandidNull or CandidReserved => null,
        CandidOpt { Value: { } v } => inner.FromValue(v),
        _ => throw Error($"expected an opt value, found {value}"),
    };
}

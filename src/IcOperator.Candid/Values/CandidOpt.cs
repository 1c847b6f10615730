namespace IcOperator.Candid;

/// <summary><c>opt v</c>, or none (<see cref="Value"/> is null), which prints as <c>null</c>.</summary>
public sealed class CandidOpt : CandidValue
{
    internal static readonly CandidOpt NoneValue = new(null);

    public CandidOpt(CandidValue? value) => Value = value;

    public CandidValue? Value { get; }

    public bool HasValue => Value is not null;

    public override bool Equals(CandidValue? other) => other switch
    {
        CandidOpt o => Value is null ? o.Value is null : Value.Equals(o.Value),
        CandidNull => Value is null,
        _ => false,
    };

    public override int GetHashCode() => Value is null ? 1 : Value.GetHashCode() * 31;
}

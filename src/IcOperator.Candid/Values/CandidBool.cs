namespace IcOperator.Candid;

public sealed class CandidBool : CandidValue
{
    internal static readonly CandidBool True = new(true);
    internal static readonly CandidBool False = new(false);

    private CandidBool(bool value) => Value = value;

    public bool Value { get; }

    public override bool Equals(CandidValue? other) => other is CandidBool b && b.Value == Value;

    public override int GetHashCode() => Value ? 3 : 4;
}

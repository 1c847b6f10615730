namespace IcOperator.Candid;

/// <summary>A reference to a service: <c>service "aaaaa-aa"</c>.</summary>
public sealed class CandidServiceReference(Principal value) : CandidValue
{
    public Principal Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override bool Equals(CandidValue? other) => other is CandidServiceReference p && p.Value == Value;

    public override int GetHashCode() => Value.GetHashCode() ^ 0x5e;
}

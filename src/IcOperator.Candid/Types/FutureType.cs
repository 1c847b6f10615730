namespace IcOperator.Candid;

/// <summary>A type from a later Candid version met in a message (opcode below -24): its values can only be skipped.</summary>
internal sealed class FutureType(int opcode) : CandidType
{
    public override CandidTypeKind Kind => CandidTypeKind.Future;

    public int Opcode { get; } = opcode;
}

using IcOperator.Agent.Bls.Fields;

namespace IcOperator.Agent.Bls.Pairing;

/// <summary>
/// One line of the Miller loop, fixed by the G2 point alone: evaluated at a G1 point P it is the
/// sparse F_p¹² value C0 + (C1·Px)·v + (C2·Py)·v·w.
/// </summary>
internal readonly record struct LineCoefficients(Fp2 C0, Fp2 C1, Fp2 C2);

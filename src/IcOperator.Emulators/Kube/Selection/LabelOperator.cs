namespace IcOperator.Emulators.Kube.Selection;

/// <summary>How a label requirement compares; equality operators are <c>In</c>/<c>NotIn</c> with one value.</summary>
internal enum LabelOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

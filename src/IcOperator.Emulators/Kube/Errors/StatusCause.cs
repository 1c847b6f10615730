namespace IcOperator.Emulators.Kube.Errors;

/// <summary>One entry of a <c>Status</c>'s <c>details.causes</c>: which field, why, and what to do.</summary>
internal sealed record StatusCause(string Reason, string Message, string Field);

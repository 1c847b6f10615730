using IcOperator.Emulators.Kube.Errors;

namespace IcOperator.Emulators.Kube.Schema;

/// <summary>What checking an object against its structural schema found: invalid fields and pruned unknown fields.</summary>
internal sealed record SchemaOutcome(IReadOnlyList<StatusCause> Causes, IReadOnlyList<string> UnknownFields);

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>The body of a DELETE: propagation and preconditions.</summary>
internal sealed record DeleteOptions
{
    public static DeleteOptions Default { get; } = new();

    /// <summary><c>Background</c>, <c>Foreground</c> or <c>Orphan</c>.</summary>
    public string? PropagationPolicy { get; init; }

    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }

    public bool DryRun { get; init; }
}

namespace IcOperator.Emulators.Kube.Storage;

/// <summary>The query parameters that shape a write: who writes, how unknown fields are treated, dry run.</summary>
internal sealed record WriteOptions
{
    public static WriteOptions Default { get; } = new();

    public string FieldManager { get; init; } = string.Empty;

    /// <summary><c>Strict</c>, <c>Warn</c> (the API server's default) or <c>Ignore</c>.</summary>
    public string FieldValidation { get; init; } = "Warn";

    public bool DryRun { get; init; }

    /// <summary><c>Update</c> for create/update/patch, <c>Apply</c> for server-side apply (recorded in managedFields).</summary>
    public string Operation { get; init; } = "Update";
}

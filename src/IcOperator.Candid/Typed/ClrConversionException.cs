namespace IcOperator.Candid;

/// <summary>
/// A conversion between a C# value and a Candid value that failed somewhere inside; each enclosing
/// record, list or variant adds its step to <see cref="Path"/> on the way out, so the happy path builds no strings.
/// </summary>
internal sealed class ClrConversionException(string path, string reason) : CandidException(path.Length == 0 ? reason : $"{path}: {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;

    public ClrConversionException Under(string step) => new(step + Path, Reason);
}

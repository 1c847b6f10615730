namespace IcOperator.Candid;

/// <summary>How one C# type maps to a Candid type, in both directions.</summary>
internal abstract class ClrShape
{
    public abstract CandidType Type { get; }

    public abstract CandidValue ToValue(object? value, string path);

    public abstract object? FromValue(CandidValue value, string path);

    protected static CandidException Error(string path, string message) => new($"{path}: {message}");
}

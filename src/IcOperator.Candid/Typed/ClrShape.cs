namespace IcOperator.Candid;

/// <summary>How one C# type maps to a Candid type, in both directions.</summary>
internal abstract class ClrShape
{
    public abstract CandidType Type { get; }

    public abstract CandidValue ToValue(object? value);

    public abstract object? FromValue(CandidValue value);

    protected static ClrConversionException Error(string message) => new(string.Empty, message);
}

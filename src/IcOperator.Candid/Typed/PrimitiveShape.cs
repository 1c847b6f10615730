namespace IcOperator.Candid;

/// <summary>A C# scalar (bool, string, numbers, byte[], Principal) as a Candid primitive or blob.</summary>
internal sealed class PrimitiveShape(CandidType type, Func<object, CandidValue> toValue, Func<CandidValue, object> fromValue) : ClrShape
{
    public override CandidType Type { get; } = type;

    public override CandidValue ToValue(object? value, string path)
    {
        if (value is null)
        {
            throw Error(path, $"is null but its type {Type} is not optional (make the C# type nullable to map it to opt)");
        }

        try
        {
            return toValue(value);
        }
        catch (Exception e) when (e is OverflowException or CandidException or InvalidCastException)
        {
            throw Error(path, e.Message);
        }
    }

    public override object? FromValue(CandidValue value, string path)
    {
        try
        {
            return fromValue(value);
        }
        catch (Exception e) when (e is OverflowException or CandidException or InvalidCastException)
        {
            throw Error(path, $"cannot read {value} as {Type}: {e.Message}");
        }
    }
}

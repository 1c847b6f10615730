namespace IcOperator.Candid;

/// <summary>A C# scalar (bool, string, numbers, byte[], Principal) as a Candid primitive or blob.</summary>
internal sealed class PrimitiveShape(CandidType type, Func<object, CandidValue> toValue, Func<CandidValue, object> fromValue) : ClrShape
{
    public override CandidType Type { get; } = type;

    public override CandidValue ToValue(object? value)
    {
        if (value is null)
        {
            throw Error($"is null but its type {Type} is not optional (make the C# type nullable to map it to opt)");
        }

        try
        {
            return toValue(value);
        }
        catch (Exception e) when (e is OverflowException or CandidException or InvalidCastException)
        {
            throw Error(e.Message);
        }
    }

    public override object? FromValue(CandidValue value)
    {
        try
        {
            return fromValue(value);
        }
        catch (Exception e) when (e is OverflowException or CandidException or InvalidCastException)
        {
            throw Error($"cannot read {value} as {Type}: {e.Message}");
        }
    }
}

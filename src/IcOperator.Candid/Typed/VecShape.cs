using System.Collections;

namespace IcOperator.Candid;

/// <summary>An array or list as <c>vec T</c>.</summary>
internal sealed class VecShape(Type clrType, Type elementType, ClrShape element) : ClrShape
{
    public override CandidType Type { get; } = CandidType.Vec(element.Type);

    public override CandidValue ToValue(object? value)
    {
        if (value is not IEnumerable items)
        {
            throw Error($"is null but its type {Type} is not optional");
        }

        var list = new List<CandidValue>();
        foreach (var item in items)
        {
            try
            {
                list.Add(element.ToValue(item));
            }
            catch (ClrConversionException e)
            {
                throw e.Under($"[{list.Count}]");
            }
        }

        return new CandidVec(list);
    }

    public override object? FromValue(CandidValue value)
    {
        var items = value.AsVec();
        var array = Array.CreateInstance(elementType, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                array.SetValue(element.FromValue(items[i]), i);
            }
            catch (ClrConversionException e)
            {
                throw e.Under($"[{i}]");
            }
        }

        if (clrType.IsAssignableFrom(array.GetType()))
        {
            return array;
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        foreach (var item in array)
        {
            list.Add(item);
        }

        return list;
    }
}

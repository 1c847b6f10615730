using System.Collections;

namespace IcOperator.Candid;

/// <summary>An array or list as <c>vec T</c>.</summary>
internal sealed class VecShape(Type clrType, Type elementType, ClrShape element) : ClrShape
{
    public override CandidType Type { get; } = CandidType.Vec(element.Type);

    public override CandidValue ToValue(object? value, string path)
    {
        if (value is not IEnumerable items)
        {
            throw Error(path, $"is null but its type {Type} is not optional");
        }

        var list = new List<CandidValue>();
        var i = 0;
        foreach (var item in items)
        {
            list.Add(element.ToValue(item, $"{path}[{i++}]"));
        }

        return new CandidVec(list);
    }

    public override object? FromValue(CandidValue value, string path)
    {
        var items = value.AsVec();
        var array = Array.CreateInstance(elementType, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(element.FromValue(items[i], $"{path}[{i}]"), i);
        }

        if (clrType.IsArray || clrType.IsAssignableFrom(array.GetType()))
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

using System.Reflection;

namespace IcOperator.Candid;

/// <summary>
/// An abstract C# class (or record) as a variant: each non-abstract class deriving directly from it is a
/// case. A case class without properties carries no value; one whose only property is <c>Value</c>
/// carries that; any other carries a record of its properties.
/// </summary>
internal sealed class VariantShape : ClrShape
{
    private readonly Type baseType;
    private readonly NamedType named;
    private readonly Dictionary<Type, Case> byType = [];
    private readonly Dictionary<uint, Case> byId = [];

    public VariantShape(Type baseType)
    {
        this.baseType = baseType;
        named = new NamedType(baseType.Name);
    }

    public override CandidType Type => named;

    public void Build(ClrTypeMap map)
    {
        var caseTypes = baseType.Assembly.GetTypes()
            .Where(t => t.BaseType == baseType && !t.IsAbstract)
            .ToArray();
        if (caseTypes.Length == 0)
        {
            throw new CandidException($"{baseType.Name} is abstract but no class derives from it, so it has no variant cases");
        }

        var context = new NullabilityInfoContext();
        foreach (var t in caseTypes)
        {
            var name = t.GetCustomAttribute<CandidNameAttribute>()?.Name ?? ClrNames.SnakeCase(t.Name);
            var props = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<CandidIgnoreAttribute>() is null && p.GetIndexParameters().Length == 0)
                .ToArray();
            Case c = props switch
            {
                [] => new Case(t, FieldId.Of(name), name, null, null),
                [{ Name: "Value" } p] => new Case(t, FieldId.Of(name), name, p, map.ShapeOf(p.PropertyType, context.Create(p), p.GetCustomAttribute<CandidKindAttribute>()?.Kind)),
                _ => new Case(t, FieldId.Of(name), name, null, map.ShapeOf(t, null, null)),
            };
            byType[t] = c;
            byId[c.Id] = c;
        }

        named.Define(new VariantType(byId.Values.Select(c => new CandidField(c.Id, c.Name, c.Payload?.Type ?? CandidType.Null))));
    }

    public override CandidValue ToValue(object? value, string path)
    {
        if (value is null || !byType.TryGetValue(value.GetType(), out var c))
        {
            throw Error(path, $"{value?.GetType().Name ?? "null"} is not a case of {baseType.Name}");
        }

        var payload = c.Payload is null
            ? CandidNull.Instance
            : c.Payload.ToValue(c.ValueProperty is null ? value : c.ValueProperty.GetValue(value), $"{path}.{c.Name}");
        return new CandidVariant(c.Id, payload);
    }

    public override object? FromValue(CandidValue value, string path)
    {
        if (value is not CandidVariant v || !byId.TryGetValue(v.Id, out var c))
        {
            throw Error(path, $"expected a case of {baseType.Name}, found {value}");
        }

        if (c.Payload is null)
        {
            return Activator.CreateInstance(c.Type);
        }

        var payload = c.Payload.FromValue(v.Value, $"{path}.{c.Name}");
        if (c.ValueProperty is null)
        {
            return payload;
        }

        var ctor = c.Type.GetConstructor([c.ValueProperty.PropertyType]);
        if (ctor is not null)
        {
            return ctor.Invoke([payload]);
        }

        var instance = Activator.CreateInstance(c.Type)!;
        c.ValueProperty.SetValue(instance, payload);
        return instance;
    }

    private sealed record Case(Type Type, uint Id, string Name, PropertyInfo? ValueProperty, ClrShape? Payload);
}

using System.Reflection;

namespace IcOperator.Candid;

/// <summary>A C# class or record as a Candid record: one field per public property.</summary>
internal sealed class RecordShape : ClrShape
{
    private readonly Type clrType;
    private readonly NamedType named;
    private Member[] members = [];
    private ConstructorInvoker? construct;
    private int[] constructorMembers = [];
    private Member[] settable = [];

    public RecordShape(Type clrType)
    {
        this.clrType = clrType;
        named = new NamedType(clrType.Name);
    }

    public override CandidType Type => named;

    /// <summary>Fills the fields after the shape is registered, so a type may contain itself.</summary>
    public void Build(ClrTypeMap map)
    {
        var context = new NullabilityInfoContext();
        var list = new List<Member>();
        foreach (var p in clrType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.GetCustomAttribute<CandidIgnoreAttribute>() is not null || !p.CanRead)
            {
                continue;
            }

            var name = p.GetCustomAttribute<CandidNameAttribute>()?.Name ?? ClrNames.SnakeCase(p.Name);
            var shape = map.ShapeOf(p.PropertyType, context.Create(p), p.GetCustomAttribute<CandidKindAttribute>()?.Kind);
            // An invoker, not a compiled expression: as fast once warm, and System.Linq.Expressions stays unloaded.
            list.Add(new Member(p, FieldId.Of(name), name, shape, MethodInvoker.Create(p.GetMethod!)));
        }

        members = [.. list.OrderBy(m => m.Id)];
        named.Define(new RecordType(members.Select(m => new CandidField(m.Id, m.Name, m.Shape.Type))));

        // Positional records: the constructor whose parameters all name properties.
        var constructor = clrType.GetConstructors()
            .Where(c => c.GetParameters().All(p => members.Any(m => string.Equals(m.Property.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (constructor is not null)
        {
            constructorMembers = [.. constructor.GetParameters()
                .Select(p => Array.FindIndex(members, m => string.Equals(m.Property.Name, p.Name, StringComparison.OrdinalIgnoreCase)))];
            construct = ConstructorInvoker.Create(constructor);
            settable = [.. members.Where((m, i) => !constructorMembers.Contains(i) && m.Property.CanWrite)];
        }
    }

    public override CandidValue ToValue(object? value)
    {
        if (value is null)
        {
            throw Error($"is null but {clrType.Name} is not optional");
        }

        var fields = new CandidFieldValue[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var m = members[i];
            try
            {
                fields[i] = new CandidFieldValue(m.Id, m.Shape.ToValue(m.Get.Invoke(value)));
            }
            catch (ClrConversionException e)
            {
                throw e.Under($".{m.Name}");
            }
        }

        return new CandidRecord(fields, trusted: true);
    }

    public override object? FromValue(CandidValue value)
    {
        if (value is not CandidRecord record)
        {
            throw Error($"expected a record for {clrType.Name}, found {value}");
        }

        if (construct is null)
        {
            throw Error($"{clrType.Name} has no public constructor whose parameters are its properties");
        }

        var values = new object?[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var m = members[i];
            var field = record.Find(m.Id);
            if (field is null)
            {
                values[i] = m.Shape.Type.AcceptsNull ? null : throw Error($"record has no field '{m.Name}'");
                continue;
            }

            try
            {
                values[i] = m.Shape.FromValue(field);
            }
            catch (ClrConversionException e)
            {
                throw e.Under($".{m.Name}");
            }
        }

        var args = new object?[constructorMembers.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = values[constructorMembers[i]];
        }

        var instance = construct.Invoke(args);
        foreach (var m in settable)
        {
            m.Property.SetValue(instance, values[Array.IndexOf(members, m)]);
        }

        return instance;
    }

    private sealed record Member(PropertyInfo Property, uint Id, string Name, ClrShape Shape, MethodInvoker Get);
}

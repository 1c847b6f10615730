using System.Reflection;

namespace IcOperator.Candid;

/// <summary>A C# class or record as a Candid record: one field per public property.</summary>
internal sealed class RecordShape : ClrShape
{
    private readonly Type clrType;
    private readonly NamedType named;
    private Member[] members = [];
    private ConstructorInfo? constructor;
    private int[] constructorMembers = [];

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
            list.Add(new Member(p, FieldId.Of(name), name, shape));
        }

        members = [.. list.OrderBy(m => m.Id)];
        named.Define(new RecordType(members.Select(m => new CandidField(m.Id, m.Name, m.Shape.Type))));

        // Positional records: the constructor whose parameters all name properties.
        constructor = clrType.GetConstructors()
            .Where(c => c.GetParameters().All(p => members.Any(m => string.Equals(m.Property.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        constructorMembers = constructor?.GetParameters()
            .Select(p => Array.FindIndex(members, m => string.Equals(m.Property.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            .ToArray() ?? [];
    }

    public override CandidValue ToValue(object? value, string path)
    {
        if (value is null)
        {
            throw Error(path, $"is null but {clrType.Name} is not optional");
        }

        var fields = new CandidFieldValue[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var m = members[i];
            fields[i] = new CandidFieldValue(m.Id, m.Shape.ToValue(m.Property.GetValue(value), $"{path}.{m.Name}"));
        }

        return new CandidRecord(fields, trusted: true);
    }

    public override object? FromValue(CandidValue value, string path)
    {
        if (value is not CandidRecord record)
        {
            throw Error(path, $"expected a record for {clrType.Name}, found {value}");
        }

        if (constructor is null)
        {
            throw Error(path, $"{clrType.Name} has no public constructor whose parameters are its properties");
        }

        var values = new object?[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var m = members[i];
            var field = record.Find(m.Id);
            values[i] = field is null
                ? (m.Shape.Type.AcceptsNull ? null : throw Error(path, $"record has no field '{m.Name}'"))
                : m.Shape.FromValue(field, $"{path}.{m.Name}");
        }

        var instance = constructor.Invoke([.. constructorMembers.Select(i => values[i])]);
        for (var i = 0; i < members.Length; i++)
        {
            if (!constructorMembers.Contains(i) && members[i].Property.CanWrite)
            {
                members[i].Property.SetValue(instance, values[i]);
            }
        }

        return instance;
    }

    private sealed record Member(PropertyInfo Property, uint Id, string Name, ClrShape Shape);
}

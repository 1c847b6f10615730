using System.Reflection;

namespace IcOperator.Candid;

/// <summary>A C# enum as a variant whose cases carry no value (<c>variant { running; stopping; stopped }</c>).</summary>
internal sealed class EnumShape : ClrShape
{
    private readonly Dictionary<object, uint> idByMember = [];
    private readonly Dictionary<uint, object> memberById = [];

    public EnumShape(Type enumType)
    {
        var cases = new List<CandidField>();
        foreach (var field in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var name = field.GetCustomAttribute<CandidNameAttribute>()?.Name ?? ClrNames.SnakeCase(field.Name);
            var id = FieldId.Of(name);
            var member = field.GetValue(null)!;
            idByMember[member] = id;
            memberById[id] = member;
            cases.Add(new CandidField(id, name, CandidType.Null));
        }

        Type = new VariantType(cases);
    }

    public override CandidType Type { get; }

    public override CandidValue ToValue(object? value, string path) =>
        value is not null && idByMember.TryGetValue(value, out var id)
            ? new CandidVariant(id, CandidNull.Instance)
            : throw Error(path, $"{value} is not a member of {Type}");

    public override object? FromValue(CandidValue value, string path) =>
        value is CandidVariant v && memberById.TryGetValue(v.Id, out var member)
            ? member
            : throw Error(path, $"expected a case of {Type}, found {value}");
}

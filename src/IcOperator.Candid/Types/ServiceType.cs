namespace IcOperator.Candid;

/// <summary><c>service { name : func; … }</c>: methods sorted by name (as the binary format requires).</summary>
public sealed class ServiceType : CandidType
{
    private ServiceMethod[] methods = [];

    internal ServiceType(IEnumerable<ServiceMethod> methods) => SetMethods(methods);

    public override CandidTypeKind Kind => CandidTypeKind.Service;

    public IReadOnlyList<ServiceMethod> Methods => methods;

    public ServiceMethod? Find(string name)
    {
        foreach (var m in methods)
        {
            if (m.Name == name)
            {
                return m;
            }
        }

        return null;
    }

    internal void SetMethods(IEnumerable<ServiceMethod> value)
    {
        var array = value.ToArray();
        Array.Sort(array, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i].Name == array[i - 1].Name)
            {
                throw new CandidException($"service has two methods named '{array[i].Name}'");
            }
        }

        methods = array;
    }
}

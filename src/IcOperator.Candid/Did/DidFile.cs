namespace IcOperator.Candid;

/// <summary>
/// A parsed <c>.did</c> file (or a module's <c>candid:service</c> / <c>candid:args</c> metadata):
/// its named types, its service with the init argument types, or a bare argument list.
/// </summary>
public sealed class DidFile
{
    private readonly Dictionary<string, NamedType> types = new(StringComparer.Ordinal);

    internal DidFile()
    {
    }

    /// <summary>Named types in definition order.</summary>
    public IReadOnlyList<NamedType> Types => [.. types.Values.Where(t => DefinitionOrder.Contains(t.Name)).OrderBy(t => DefinitionOrder.IndexOf(t.Name))];

    /// <summary>The service, when the file declares one.</summary>
    public ServiceType? Service { get; internal set; }

    /// <summary>The init argument types of <c>service : (A, B) -> { … }</c>; empty when the service takes none.</summary>
    public IReadOnlyList<CandidType> InitArguments { get; internal set; } = [];

    /// <summary>For <c>candid:args</c> text (<c>type T = …; (T)</c>): the argument types; otherwise null.</summary>
    public IReadOnlyList<CandidType>? Arguments { get; internal set; }

    internal List<string> DefinitionOrder { get; } = [];

    /// <summary>Parses a <c>.did</c> file: type definitions, then optionally <c>service : … ;</c> or an argument list.</summary>
    public static DidFile Parse(string source) => DidParser.ParseFile(source);

    /// <summary>A named type, or null.</summary>
    public CandidType? FindType(string name) => types.TryGetValue(name, out var t) && DefinitionOrder.Contains(name) ? t : null;

    /// <summary>A named type; an error naming it when it is not defined.</summary>
    public CandidType GetType(string name) => FindType(name) ?? throw new CandidException($"type '{name}' is not defined in this .did file");

    /// <summary>The argument and result types of a method of the service.</summary>
    public FuncType GetMethod(string name) =>
        Service?.Find(name)?.Type ?? throw new CandidException($"the service has no method '{name}'");

    internal NamedType Reference(string name)
    {
        if (!types.TryGetValue(name, out var t))
        {
            t = new NamedType(name);
            types[name] = t;
        }

        return t;
    }

    internal IEnumerable<NamedType> AllReferenced => types.Values;
}

namespace IcOperator.Candid;

/// <summary>
/// A parsed <c>.did</c> file (or a module's <c>candid:service</c> / <c>candid:args</c> metadata):
/// its named types, its service with the init argument types, or a bare argument list.
/// </summary>
public sealed class DidFile
{
    private readonly Dictionary<string, NamedType> types = new(StringComparer.Ordinal);
    private readonly List<NamedType> defined = [];
    private readonly DidFile? parent;

    // A file parsed on its own, or a scope for one type whose names come from parent.
    internal DidFile(DidFile? parent = null) => this.parent = parent;

    /// <summary>Named types in definition order.</summary>
    public IReadOnlyList<NamedType> Types => defined;

    /// <summary>The service, when the file declares one.</summary>
    public ServiceType? Service { get; internal set; }

    /// <summary>The init argument types of <c>service : (A, B) -> { … }</c>; empty when the service takes none.</summary>
    public IReadOnlyList<CandidType> InitArguments { get; internal set; } = [];

    /// <summary>For <c>candid:args</c> text (<c>type T = …; (T)</c>): the argument types; otherwise null.</summary>
    public IReadOnlyList<CandidType>? Arguments { get; internal set; }

    internal IEnumerable<NamedType> AllReferenced => types.Values;

    /// <summary>Parses a <c>.did</c> file: type definitions, then optionally <c>service : … ;</c> or an argument list.</summary>
    public static DidFile Parse(string source) => DidParser.ParseFile(source);

    /// <summary>A named type, or null.</summary>
    public CandidType? FindType(string name) =>
        types.TryGetValue(name, out var t) && t.IsDefined ? t : parent?.FindType(name);

    /// <summary>A named type; an error naming it when it is not defined.</summary>
    public CandidType GetType(string name) => FindType(name) ?? throw new CandidException($"type '{name}' is not defined in this .did file");

    /// <summary>The argument and result types of a method of the service.</summary>
    public FuncType GetMethod(string name) =>
        Service?.Find(name)?.Type ?? throw new CandidException($"the service has no method '{name}'");

    internal bool IsDefined(string name) => types.TryGetValue(name, out var t) && t.IsDefined;

    internal void AddDefinition(NamedType type) => defined.Add(type);

    internal NamedType Reference(string name)
    {
        if (types.TryGetValue(name, out var t))
        {
            return t;
        }

        if (parent?.FindType(name) is NamedType inherited)
        {
            return inherited;
        }

        t = new NamedType(name);
        types[name] = t;
        return t;
    }
}

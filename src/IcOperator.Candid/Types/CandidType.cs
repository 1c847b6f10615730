namespace IcOperator.Candid;

/// <summary>
/// A Candid type. Primitive types are singletons (<see cref="Nat"/>, <see cref="Text"/>, …); constructed
/// types come from the factories here, from <see cref="DidFile"/> or from a decoded message. Types may be
/// recursive: named types (<see cref="NamedType"/>) and decoded type tables can refer to themselves.
/// </summary>
public abstract class CandidType
{
    private protected CandidType()
    {
    }

    public abstract CandidTypeKind Kind { get; }

    public static PrimitiveType Null { get; } = new(CandidTypeKind.Null);

    public static PrimitiveType Bool { get; } = new(CandidTypeKind.Bool);

    public static PrimitiveType Nat { get; } = new(CandidTypeKind.Nat);

    public static PrimitiveType Int { get; } = new(CandidTypeKind.Int);

    public static PrimitiveType Nat8 { get; } = new(CandidTypeKind.Nat8);

    public static PrimitiveType Nat16 { get; } = new(CandidTypeKind.Nat16);

    public static PrimitiveType Nat32 { get; } = new(CandidTypeKind.Nat32);

    public static PrimitiveType Nat64 { get; } = new(CandidTypeKind.Nat64);

    public static PrimitiveType Int8 { get; } = new(CandidTypeKind.Int8);

    public static PrimitiveType Int16 { get; } = new(CandidTypeKind.Int16);

    public static PrimitiveType Int32 { get; } = new(CandidTypeKind.Int32);

    public static PrimitiveType Int64 { get; } = new(CandidTypeKind.Int64);

    public static PrimitiveType Float32 { get; } = new(CandidTypeKind.Float32);

    public static PrimitiveType Float64 { get; } = new(CandidTypeKind.Float64);

    public static PrimitiveType Text { get; } = new(CandidTypeKind.Text);

    public static PrimitiveType Reserved { get; } = new(CandidTypeKind.Reserved);

    public static PrimitiveType Empty { get; } = new(CandidTypeKind.Empty);

    public static PrimitiveType Principal { get; } = new(CandidTypeKind.Principal);

    /// <summary><c>blob</c>, the same type as <c>vec nat8</c>.</summary>
    public static VecType Blob { get; } = new(Nat8);

    /// <summary>This type with named types followed to their definitions.</summary>
    public virtual CandidType Resolved => this;

    /// <summary>True when <c>null &lt;: this</c>: null, opt and reserved (such record fields may be missing).</summary>
    public bool AcceptsNull => Resolved.Kind is CandidTypeKind.Null or CandidTypeKind.Opt or CandidTypeKind.Reserved;

    public static OptType Opt(CandidType inner) => new(inner);

    public static VecType Vec(CandidType element) => new(element);

    public static RecordType Record(params IEnumerable<CandidField> fields) => new(fields);

    /// <summary>A tuple: a record whose fields are numbered 0..n-1.</summary>
    public static RecordType Tuple(params IEnumerable<CandidType> elements) =>
        new(elements.Select((t, i) => new CandidField((uint)i, null, t)));

    public static VariantType Variant(params IEnumerable<CandidField> cases) => new(cases);

    public static FuncType Func(IEnumerable<CandidType> arguments, IEnumerable<CandidType> results, params IEnumerable<FuncMode> modes) =>
        new(arguments, results, modes);

    public static ServiceType Service(params IEnumerable<ServiceMethod> methods) => new(methods);

    /// <summary>The primitive type of a kind (null … principal).</summary>
    public static PrimitiveType Primitive(CandidTypeKind kind) => PrimitiveType.Of(kind);

    /// <summary>Parses a type written in Candid syntax, e.g. <c>record { a : nat; b : opt text }</c>.</summary>
    public static CandidType Parse(string text, DidFile? definitions = null) => DidParser.ParseSingleType(text, definitions);

    /// <summary>Parses an argument type list such as <c>(nat, opt text)</c>.</summary>
    public static IReadOnlyList<CandidType> ParseArguments(string text, DidFile? definitions = null) => DidParser.ParseTypeList(text, definitions);

    /// <summary>Whether every value of this type can be read at <paramref name="expected"/> (the specification's <c>&lt;:</c>).</summary>
    public bool IsSubtypeOf(CandidType expected) => new Subtyping().IsSubtype(this, expected);

    public override string ToString() => TypePrinter.Print(this);
}

using System.Globalization;
using System.Numerics;

namespace IcOperator.Candid;

/// <summary>Parses types and <c>.did</c> files (the grammar of the specification's "IDL" section).</summary>
internal static class DidParser
{
    private static readonly Dictionary<string, CandidType> Primitives = new(StringComparer.Ordinal)
    {
        ["null"] = CandidType.Null,
        ["bool"] = CandidType.Bool,
        ["nat"] = CandidType.Nat,
        ["int"] = CandidType.Int,
        ["nat8"] = CandidType.Nat8,
        ["nat16"] = CandidType.Nat16,
        ["nat32"] = CandidType.Nat32,
        ["nat64"] = CandidType.Nat64,
        ["int8"] = CandidType.Int8,
        ["int16"] = CandidType.Int16,
        ["int32"] = CandidType.Int32,
        ["int64"] = CandidType.Int64,
        ["float32"] = CandidType.Float32,
        ["float64"] = CandidType.Float64,
        ["text"] = CandidType.Text,
        ["reserved"] = CandidType.Reserved,
        ["empty"] = CandidType.Empty,
        ["principal"] = CandidType.Principal,
        ["blob"] = CandidType.Blob,
    };

    public static DidFile ParseFile(string source)
    {
        var lexer = new Lexer(source);
        var file = new DidFile();
        while (true)
        {
            if (lexer.TryKeyword("type"))
            {
                ParseDefinition(lexer, file);
                lexer.TrySymbol(";");
                continue;
            }

            if (lexer.IsKeyword("import"))
            {
                throw lexer.Error("imports are not supported: inline the imported .did file");
            }

            break;
        }

        if (lexer.TryKeyword("service"))
        {
            if (lexer.Peek().Kind == TokenKind.Identifier && !lexer.IsSymbol(":"))
            {
                lexer.Next(); // the service's name is only documentation
            }

            lexer.Expect(":");
            if (lexer.IsSymbol("("))
            {
                file.InitArguments = ParseTupleType(lexer, file, 0);
                lexer.Expect("->");
            }

            file.Service = ParseServiceBody(lexer, file, 0);
            lexer.TrySymbol(";");
        }
        else if (lexer.IsSymbol("("))
        {
            file.Arguments = ParseTupleType(lexer, file, 0);
            lexer.TrySymbol(";");
        }

        if (lexer.Peek().Kind != TokenKind.End)
        {
            throw lexer.Error($"expected a type definition, a service or the end of the file but found {lexer.Peek()}");
        }

        Validate(file);
        return file;
    }

    public static void ParseDefinition(Lexer lexer, DidFile file)
    {
        var nameToken = lexer.Peek();
        var name = lexer.ExpectIdentifier("a type name");
        if (Primitives.ContainsKey(name) || IsKeyword(name))
        {
            throw lexer.Error($"'{name}' is a keyword and cannot name a type", nameToken);
        }

        lexer.Expect("=");
        if (file.IsDefined(name))
        {
            throw lexer.Error($"type '{name}' is defined twice", nameToken);
        }

        var named = file.Reference(name);
        file.AddDefinition(named);
        named.Define(ParseType(lexer, file, 0));
    }

    /// <summary>Checks that every referenced name is defined and none is defined only as itself.</summary>
    public static void Validate(DidFile file)
    {
        foreach (var named in file.AllReferenced)
        {
            if (!named.IsDefined)
            {
                throw new CandidException($"type '{named.Name}' is used but not defined");
            }
        }

        foreach (var named in file.AllReferenced)
        {
            var seen = new HashSet<NamedType>();
            CandidType t = named;
            while (t is NamedType n)
            {
                if (!seen.Add(n))
                {
                    throw new CandidException($"type '{named.Name}' is defined only in terms of itself");
                }

                t = n.Definition;
            }
        }
    }

    public static CandidType ParseSingleType(string text, DidFile? definitions)
    {
        var lexer = new Lexer(text);
        var file = new DidFile(definitions);
        var type = ParseType(lexer, file, 0);
        if (lexer.Peek().Kind != TokenKind.End)
        {
            throw lexer.Error($"unexpected {lexer.Peek()} after the type");
        }

        Validate(file);
        return type;
    }

    public static IReadOnlyList<CandidType> ParseTypeList(string text, DidFile? definitions)
    {
        var lexer = new Lexer(text);
        var file = new DidFile(definitions);
        IReadOnlyList<CandidType> types = lexer.IsSymbol("(") ? ParseTupleType(lexer, file, 0) : [ParseType(lexer, file, 0)];
        if (lexer.Peek().Kind != TokenKind.End)
        {
            throw lexer.Error($"unexpected {lexer.Peek()} after the type list");
        }

        Validate(file);
        return types;
    }

    public static CandidType ParseType(Lexer lexer, DidFile file, int depth)
    {
        if (depth > Nesting.Limit)
        {
            throw lexer.Error($"types nest deeper than {Nesting.Limit} levels");
        }

        var t = lexer.Next();
        if (t.Kind != TokenKind.Identifier)
        {
            throw lexer.Error($"expected a type but found {t}", t);
        }

        if (Primitives.TryGetValue(t.Value, out var primitive))
        {
            return primitive;
        }

        switch (t.Value)
        {
            case "opt":
                return new OptType(ParseType(lexer, file, depth + 1));
            case "vec":
                return new VecType(ParseType(lexer, file, depth + 1));
            case "record":
                return new RecordType(ParseFields(lexer, file, record: true, depth));
            case "variant":
                return new VariantType(ParseFields(lexer, file, record: false, depth));
            case "func":
                return ParseFuncSignature(lexer, file, depth + 1);
            case "service":
                return ParseServiceBody(lexer, file, depth + 1);
            default:
                if (IsKeyword(t.Value))
                {
                    throw lexer.Error($"expected a type but found keyword '{t.Value}'", t);
                }

                return file.Reference(t.Value);
        }
    }

    public static IReadOnlyList<CandidType> ParseTupleType(Lexer lexer, DidFile file, int depth)
    {
        lexer.Expect("(");
        var types = new List<CandidType>();
        while (!lexer.TrySymbol(")"))
        {
            types.Add(ParseArgType(lexer, file, depth));
            if (!lexer.TrySymbol(","))
            {
                lexer.Expect(")");
                break;
            }
        }

        return types;
    }

    private static CandidType ParseArgType(Lexer lexer, DidFile file, int depth)
    {
        // Arguments may be named (`(owner : principal)`); the name is documentation only.
        if (lexer.IsLabelledEntry())
        {
            lexer.Next();
            lexer.Expect(":");
        }

        return ParseType(lexer, file, depth + 1);
    }

    private static FuncType ParseFuncSignature(Lexer lexer, DidFile file, int depth)
    {
        var args = ParseTupleType(lexer, file, depth);
        lexer.Expect("->");
        var results = ParseTupleType(lexer, file, depth);
        var modes = new List<FuncMode>();
        while (true)
        {
            if (lexer.TryKeyword("query"))
            {
                modes.Add(FuncMode.Query);
            }
            else if (lexer.TryKeyword("oneway"))
            {
                modes.Add(FuncMode.Oneway);
            }
            else if (lexer.TryKeyword("composite_query"))
            {
                modes.Add(FuncMode.CompositeQuery);
            }
            else
            {
                break;
            }
        }

        return new FuncType(args, results, modes);
    }

    private static ServiceType ParseServiceBody(Lexer lexer, DidFile file, int depth)
    {
        if (lexer.Peek().Kind == TokenKind.Identifier && !lexer.IsSymbol("{"))
        {
            var at = lexer.Peek();
            var name = lexer.ExpectIdentifier("a service type");
            var resolved = file.Reference(name);
            return resolved.Resolved as ServiceType
                ?? throw lexer.Error($"type '{name}' is not a service type", at);
        }

        lexer.Expect("{");
        var methods = new List<ServiceMethod>();
        while (!lexer.TrySymbol("}"))
        {
            var nameToken = lexer.Next();
            var name = nameToken.Kind switch
            {
                TokenKind.Identifier => nameToken.Value,
                TokenKind.Text => Lexer.TextOf(nameToken),
                _ => throw lexer.Error($"expected a method name but found {nameToken}", nameToken),
            };
            lexer.Expect(":");
            FuncType type;
            if (lexer.IsSymbol("("))
            {
                type = ParseFuncSignature(lexer, file, depth + 1);
            }
            else
            {
                var at = lexer.Peek();
                var typeName = lexer.ExpectIdentifier("a function type");
                type = file.Reference(typeName).Resolved as FuncType
                    ?? throw lexer.Error($"type '{typeName}' of method '{name}' is not a func type", at);
            }

            methods.Add(new ServiceMethod(name, type));
            if (!lexer.TrySymbol(";"))
            {
                lexer.Expect("}");
                break;
            }
        }

        try
        {
            return new ServiceType(methods);
        }
        catch (CandidException e)
        {
            throw lexer.Error(e.Message);
        }
    }

    private static List<CandidField> ParseFields(Lexer lexer, DidFile file, bool record, int depth)
    {
        lexer.Expect("{");
        var fields = new List<CandidField>();
        uint next = 0;
        while (!lexer.TrySymbol("}"))
        {
            var first = lexer.Peek();
            CandidField field;
            if (lexer.IsLabelledEntry() || (!record && first.Kind is TokenKind.Identifier or TokenKind.Text or TokenKind.Number))
            {
                lexer.Next();
                uint id;
                string? name = null;
                if (first.Kind == TokenKind.Number)
                {
                    id = ParseFieldId(first, lexer);
                }
                else
                {
                    name = first.Kind == TokenKind.Text ? Lexer.TextOf(first) : first.Value;
                    id = FieldId.Of(name);
                }

                field = lexer.TrySymbol(":")
                    ? new CandidField(id, name, ParseType(lexer, file, depth + 1))
                    : new CandidField(id, name, CandidType.Null);
                next = id + 1;
            }
            else
            {
                if (!record)
                {
                    throw lexer.Error($"expected a variant case name but found {first}");
                }

                field = new CandidField(next, null, ParseType(lexer, file, depth + 1));
                next++;
            }

            fields.Add(field);
            if (!lexer.TrySymbol(";"))
            {
                lexer.Expect("}");
                break;
            }
        }

        try
        {
            return [.. FieldSet.Sorted(fields, record ? "record" : "variant")];
        }
        catch (CandidException e)
        {
            throw lexer.Error(e.Message);
        }
    }

    public static uint ParseFieldId(Token t, Lexer lexer)
    {
        var digits = t.Value.Replace("_", string.Empty, StringComparison.Ordinal);
        if (!BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > uint.MaxValue)
        {
            throw lexer.Error($"field id {t.Value} is not a number below 2^32", t);
        }

        return (uint)value;
    }

    private static bool IsKeyword(string word) => word is "opt" or "vec" or "record" or "variant" or "func" or "service"
        or "type" or "import" or "query" or "oneway" or "composite_query";
}

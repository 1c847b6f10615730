using System.Globalization;
using System.Numerics;

namespace IcOperator.Candid;

/// <summary>Parses values written in Candid text: <c>(record { owner = principal "2vxsx-fae"; n = 1 : nat }, opt "x")</c>.</summary>
internal static class TextParser
{
    public static IReadOnlyList<CandidValue> ParseArguments(string text, DidFile? definitions) =>
        ParseAnnotatedArguments(text, definitions).Values;

    /// <summary>The values, and for each the type it was annotated with at the top level (<c>(x : T)</c>), if any.</summary>
    public static (IReadOnlyList<CandidValue> Values, IReadOnlyList<CandidType?> Annotations) ParseAnnotatedArguments(string text, DidFile? definitions)
    {
        var lexer = new Lexer(text);

        // Names used in annotations resolve in the definitions but never add to them.
        var scope = new DidFile(definitions);
        var values = new List<CandidValue>();
        var annotations = new List<CandidType?>();
        if (lexer.IsSymbol("("))
        {
            lexer.Expect("(");
            while (!lexer.TrySymbol(")"))
            {
                values.Add(ParseAnnotated(lexer, scope, 0, out var annotation));
                annotations.Add(annotation);
                if (!lexer.TrySymbol(","))
                {
                    lexer.Expect(")");
                    break;
                }
            }
        }
        else
        {
            // A single value without parentheses is accepted as a one-element argument list.
            values.Add(ParseAnnotated(lexer, scope, 0, out var annotation));
            annotations.Add(annotation);
        }

        ExpectEnd(lexer);
        return (values, annotations);
    }

    public static CandidValue ParseValue(string text, DidFile? definitions)
    {
        var lexer = new Lexer(text);
        var value = ParseAnnotated(lexer, new DidFile(definitions), 0);
        ExpectEnd(lexer);
        return value;
    }

    private static void ExpectEnd(Lexer lexer)
    {
        if (lexer.Peek().Kind != TokenKind.End)
        {
            throw lexer.Error($"unexpected {lexer.Peek()} after the value");
        }
    }

    private static CandidValue ParseAnnotated(Lexer lexer, DidFile scope, int depth) => ParseAnnotated(lexer, scope, depth, out _);

    private static CandidValue ParseAnnotated(Lexer lexer, DidFile scope, int depth, out CandidType? annotation)
    {
        annotation = null;
        var value = ParseValue(lexer, scope, depth);
        if (lexer.TrySymbol(":"))
        {
            var at = lexer.Peek();
            var type = DidParser.ParseType(lexer, scope, 0);
            annotation = type;
            try
            {
                value = TextAnnotation.Annotate(value, type);
            }
            catch (CandidException e) when (e is not CandidParseException)
            {
                throw lexer.Error(e.Message, at);
            }
        }

        return value;
    }

    private static CandidValue ParseValue(Lexer lexer, DidFile scope, int depth)
    {
        if (depth > Nesting.Limit)
        {
            throw lexer.Error($"values nest deeper than {Nesting.Limit} levels");
        }

        var t = lexer.Next();
        switch (t.Kind)
        {
            case TokenKind.Number:
                return Number(t, negative: false, lexer);
            case TokenKind.Text:
                return new CandidText(Lexer.TextOf(t));
            case TokenKind.Symbol when t.Value is "+" or "-":
                var n = lexer.Next();
                if (n.Kind != TokenKind.Number)
                {
                    throw lexer.Error($"expected a number after '{t.Value}' but found {n}", n);
                }

                return Number(n, negative: t.Value == "-", lexer);
            case TokenKind.Symbol when t.Value == "(":
                var inner = ParseAnnotated(lexer, scope, depth + 1);
                lexer.Expect(")");
                return inner;
            case TokenKind.Identifier:
                return Keyword(t, lexer, scope, depth);
            default:
                throw lexer.Error($"expected a value but found {t}", t);
        }
    }

    private static CandidValue Keyword(Token t, Lexer lexer, DidFile scope, int depth)
    {
        switch (t.Value)
        {
            case "true":
                return CandidBool.True;
            case "false":
                return CandidBool.False;
            case "null":
                return CandidNull.Instance;
            case "opt":
                return new CandidOpt(ParseValue(lexer, scope, depth + 1));
            case "vec":
                lexer.Expect("{");
                var items = new List<CandidValue>();
                while (!lexer.TrySymbol("}"))
                {
                    items.Add(ParseAnnotated(lexer, scope, depth + 1));
                    if (!lexer.TrySymbol(";"))
                    {
                        lexer.Expect("}");
                        break;
                    }
                }

                return new CandidVec(items);
            case "blob":
                var blob = lexer.Next();
                return blob.Kind == TokenKind.Text
                    ? new CandidBlob(blob.Bytes!)
                    : throw lexer.Error($"expected a text literal after blob but found {blob}", blob);
            case "record":
                return Record(lexer, scope, depth);
            case "variant":
                return Variant(lexer, scope, depth);
            case "principal":
                return new CandidPrincipal(PrincipalLiteral(lexer));
            case "service":
                return new CandidServiceReference(PrincipalLiteral(lexer));
            case "func":
                var service = PrincipalLiteral(lexer);
                lexer.Expect(".");
                var m = lexer.Next();
                var method = m.Kind switch
                {
                    TokenKind.Identifier => m.Value,
                    TokenKind.Text => Lexer.TextOf(m),
                    _ => throw lexer.Error($"expected a method name but found {m}", m),
                };
                return new CandidFunc(service, method);
            default:
                throw lexer.Error($"expected a value but found '{t.Value}'", t);
        }
    }

    private static CandidRecord Record(Lexer lexer, DidFile scope, int depth)
    {
        lexer.Expect("{");
        var fields = new List<CandidFieldValue>();
        uint next = 0;
        while (!lexer.TrySymbol("}"))
        {
            uint id;
            if (lexer.PeekAt(1) is { Kind: TokenKind.Symbol, Value: "=" })
            {
                id = FieldLabel(lexer);
                lexer.Expect("=");
            }
            else
            {
                id = next;
            }

            fields.Add(new CandidFieldValue(id, ParseAnnotated(lexer, scope, depth + 1)));
            next = id + 1;
            if (!lexer.TrySymbol(";"))
            {
                lexer.Expect("}");
                break;
            }
        }

        try
        {
            return new CandidRecord(fields);
        }
        catch (CandidException e)
        {
            throw lexer.Error(e.Message);
        }
    }

    private static CandidVariant Variant(Lexer lexer, DidFile scope, int depth)
    {
        lexer.Expect("{");
        if (lexer.IsSymbol("}"))
        {
            throw lexer.Error("a variant value needs exactly one case");
        }

        var id = FieldLabel(lexer);
        CandidValue value = CandidNull.Instance;
        if (lexer.TrySymbol("="))
        {
            value = ParseAnnotated(lexer, scope, depth + 1);
        }

        lexer.TrySymbol(";");
        lexer.Expect("}");
        return new CandidVariant(id, value);
    }

    private static uint FieldLabel(Lexer lexer)
    {
        var t = lexer.Next();
        return t.Kind switch
        {
            TokenKind.Identifier => FieldId.Of(t.Value),
            TokenKind.Text => FieldId.Of(Lexer.TextOf(t)),
            TokenKind.Number => DidParser.ParseFieldId(t, lexer),
            _ => throw lexer.Error($"expected a field name or id but found {t}", t),
        };
    }

    private static Principal PrincipalLiteral(Lexer lexer)
    {
        var t = lexer.Next();
        if (t.Kind != TokenKind.Text)
        {
            throw lexer.Error($"expected a principal in quotes but found {t}", t);
        }

        return Principal.TryParse(Lexer.TextOf(t), out var p, out var error)
            ? p
            : throw lexer.Error($"\"{t.Value}\" is not a principal: {error}", t);
    }

    private static CandidValue Number(Token t, bool negative, Lexer lexer)
    {
        var s = t.Value.Replace("_", string.Empty, StringComparison.Ordinal);
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (s.Length == 2 || !BigInteger.TryParse("0" + s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                throw lexer.Error($"'{t.Value}' is not a hexadecimal number", t);
            }

            return new CandidNumber(negative ? CandidTypeKind.Int : CandidTypeKind.Nat, negative ? -hex : hex, literal: true);
        }

        if (s.Contains('.', StringComparison.Ordinal) || s.Contains('e', StringComparison.Ordinal) || s.Contains('E', StringComparison.Ordinal))
        {
            var floatText = s.EndsWith('.') ? s + "0" : s;
            if (!double.TryParse(floatText, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                throw lexer.Error($"'{t.Value}' is not a number", t);
            }

            return new CandidFloat(CandidTypeKind.Float64, negative ? -d : d, literal: true);
        }

        if (!BigInteger.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw lexer.Error($"'{t.Value}' is not a number", t);
        }

        return new CandidNumber(negative ? CandidTypeKind.Int : CandidTypeKind.Nat, negative ? -value : value, literal: true);
    }
}

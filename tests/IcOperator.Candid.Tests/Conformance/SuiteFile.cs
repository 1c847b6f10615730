namespace IcOperator.Candid.Tests.Conformance;

/// <summary>Reads a <c>.test.did</c> file: type definitions, then <c>assert</c>s (grammar in test-README.md).</summary>
internal static class SuiteFile
{
    public static readonly string[] Names =
        ["prim.test.did", "construct.test.did", "reference.test.did", "subtypes.test.did", "overshoot.test.did", "spacebomb.test.did"];

    private static readonly Dictionary<string, IReadOnlyList<SuiteAssertion>> Cache = [];

    public static IReadOnlyList<SuiteAssertion> Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var assertions))
            {
                assertions = Parse(name, File.ReadAllText(IcOperator.Testing.TestPaths.Vectors("candid", name)));
                Cache[name] = assertions;
            }

            return assertions;
        }
    }

    public static IReadOnlyList<SuiteAssertion> Parse(string name, string source)
    {
        var lexer = new Lexer(source);
        var scope = new DidFile();
        var result = new List<SuiteAssertion>();
        while (lexer.TryKeyword("type"))
        {
            DidParser.ParseDefinition(lexer, scope);
            lexer.Expect(";");
        }

        DidParser.Validate(scope);
        while (lexer.Peek().Kind != TokenKind.End)
        {
            var line = lexer.Peek().Line;
            if (!lexer.TryKeyword("assert"))
            {
                throw lexer.Error("expected 'assert'");
            }

            var left = Input(lexer);
            SuiteInput? right = null;
            SuiteAssertionKind kind;
            if (lexer.TrySymbol("!"))
            {
                if (lexer.TrySymbol(":"))
                {
                    kind = SuiteAssertionKind.Fails;
                }
                else
                {
                    lexer.Expect("=");
                    kind = SuiteAssertionKind.NotEqual;
                    right = Input(lexer);
                    lexer.Expect(":");
                }
            }
            else if (lexer.TrySymbol("="))
            {
                lexer.Expect("=");
                kind = SuiteAssertionKind.Equal;
                right = Input(lexer);
                lexer.Expect(":");
            }
            else
            {
                lexer.Expect(":");
                kind = SuiteAssertionKind.Decodes;
            }

            var types = DidParser.ParseTupleType(lexer, scope, 0);
            var description = lexer.Peek().Kind == TokenKind.Text ? Lexer.TextOf(lexer.Next()) : string.Empty;
            lexer.Expect(";");
            result.Add(new SuiteAssertion(name, line, kind, left, right, types, description));
        }

        return result;
    }

    private static SuiteInput Input(Lexer lexer)
    {
        var binary = lexer.TryKeyword("blob");
        var t = lexer.Next();
        if (t.Kind != TokenKind.Text)
        {
            throw lexer.Error($"expected a quoted input but found {t}", t);
        }

        return new SuiteInput(binary, t.Bytes!, binary ? string.Empty : Lexer.TextOf(t));
    }
}

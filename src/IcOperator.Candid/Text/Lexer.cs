using System.Globalization;
using System.Text;

namespace IcOperator.Candid;

/// <summary>Splits Candid text and <c>.did</c> source into tokens; skips whitespace and (nested) comments.</summary>
internal sealed class Lexer
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly string src;
    private int pos;
    private int line = 1;
    private int lineStart;
    private readonly List<Token> ahead = [];

    public Lexer(string source) => src = source ?? throw new ArgumentNullException(nameof(source));

    public Token Peek() => PeekAt(0);

    /// <summary>The token <paramref name="k"/> places ahead (0 is the next one).</summary>
    public Token PeekAt(int k)
    {
        while (ahead.Count <= k)
        {
            ahead.Add(Scan());
        }

        return ahead[k];
    }

    /// <summary>True when the next token is a name (identifier or text) directly followed by <c>:</c>.</summary>
    public bool IsLabelledEntry() =>
        PeekAt(0).Kind is TokenKind.Identifier or TokenKind.Text or TokenKind.Number
        && PeekAt(1) is { Kind: TokenKind.Symbol, Value: ":" };

    public Token Next()
    {
        var t = Peek();
        ahead.RemoveAt(0);
        return t;
    }

    public bool IsSymbol(string symbol) => Peek() is { Kind: TokenKind.Symbol } t && t.Value == symbol;

    public bool IsKeyword(string word) => Peek() is { Kind: TokenKind.Identifier } t && t.Value == word;

    public bool TrySymbol(string symbol)
    {
        if (!IsSymbol(symbol))
        {
            return false;
        }

        Next();
        return true;
    }

    public bool TryKeyword(string word)
    {
        if (!IsKeyword(word))
        {
            return false;
        }

        Next();
        return true;
    }

    public void Expect(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw Error($"expected '{symbol}' but found {Peek()}");
        }
    }

    public string ExpectIdentifier(string what)
    {
        var t = Next();
        return t.Kind == TokenKind.Identifier ? t.Value : throw Error($"expected {what} but found {t}", t);
    }

    /// <summary>A text literal as a string; refuses bytes that are not UTF-8.</summary>
    public static string TextOf(Token t)
    {
        try
        {
            return StrictUtf8.GetString(t.Bytes!);
        }
        catch (DecoderFallbackException)
        {
            throw new CandidParseException("text literal is not valid UTF-8 (use blob for raw bytes)", t.Line, t.Column);
        }
    }

    public CandidParseException Error(string message, Token? at = null)
    {
        var t = at ?? Peek();
        return new CandidParseException(message, t.Line, t.Column);
    }

    private Token Scan()
    {
        SkipTrivia();
        var startLine = line;
        var startCol = pos - lineStart + 1;
        if (pos >= src.Length)
        {
            return new Token(TokenKind.End, string.Empty, null, startLine, startCol);
        }

        var c = src[pos];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = pos;
            while (pos < src.Length && (char.IsAsciiLetterOrDigit(src[pos]) || src[pos] == '_'))
            {
                pos++;
            }

            return new Token(TokenKind.Identifier, src[start..pos], null, startLine, startCol);
        }

        if (char.IsAsciiDigit(c))
        {
            return new Token(TokenKind.Number, ScanNumber(), null, startLine, startCol);
        }

        if (c == '"')
        {
            var bytes = ScanText(startLine, startCol);
            var shown = Encoding.UTF8.GetString(bytes);
            return new Token(TokenKind.Text, shown, bytes, startLine, startCol);
        }

        if (c == '-' && pos + 1 < src.Length && src[pos + 1] == '>')
        {
            pos += 2;
            return new Token(TokenKind.Symbol, "->", null, startLine, startCol);
        }

        // '!' is not Candid syntax; the official test suite's `!:` and `!=` need it.
        if ("(){};,:=.+-!".Contains(c, StringComparison.Ordinal))
        {
            pos++;
            return new Token(TokenKind.Symbol, c.ToString(), null, startLine, startCol);
        }

        throw new CandidParseException($"unexpected character '{c}'", startLine, startCol);
    }

    private string ScanNumber()
    {
        var start = pos;
        if (src[pos] == '0' && pos + 1 < src.Length && (src[pos + 1] == 'x' || src[pos + 1] == 'X'))
        {
            pos += 2;
            while (pos < src.Length && (char.IsAsciiHexDigit(src[pos]) || src[pos] == '_'))
            {
                pos++;
            }

            return src[start..pos];
        }

        ScanDigits();
        if (pos < src.Length && src[pos] == '.' && !(pos + 1 < src.Length && src[pos + 1] == '.'))
        {
            pos++;
            ScanDigits();
        }

        if (pos < src.Length && (src[pos] == 'e' || src[pos] == 'E'))
        {
            pos++;
            if (pos < src.Length && (src[pos] == '+' || src[pos] == '-'))
            {
                pos++;
            }

            ScanDigits();
        }

        return src[start..pos];
    }

    private void ScanDigits()
    {
        while (pos < src.Length && (char.IsAsciiDigit(src[pos]) || src[pos] == '_'))
        {
            pos++;
        }
    }

    private byte[] ScanText(int startLine, int startCol)
    {
        pos++; // opening quote
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (pos >= src.Length)
            {
                throw new CandidParseException("text literal is not closed", startLine, startCol);
            }

            var c = src[pos];
            if (c == '"')
            {
                pos++;
                return [.. bytes];
            }

            if (c == '\n')
            {
                line++;
                lineStart = pos + 1;
            }

            if (c != '\\')
            {
                var rune = Rune.GetRuneAt(src, pos);
                var n = rune.EncodeToUtf8(utf8);
                for (var i = 0; i < n; i++)
                {
                    bytes.Add(utf8[i]);
                }

                pos += rune.Utf16SequenceLength;
                continue;
            }

            pos++;
            if (pos >= src.Length)
            {
                throw new CandidParseException("text literal ends inside an escape", startLine, startCol);
            }

            var e = src[pos++];
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case '\'': bytes.Add((byte)'\''); break;
                case 'u':
                    if (pos >= src.Length || src[pos] != '{')
                    {
                        throw new CandidParseException("\\u escape must be written \\u{HEX}", line, pos - lineStart + 1);
                    }

                    var close = src.IndexOf('}', pos);
                    var hexEnd = pos + 1;
                    while (hexEnd < src.Length && (char.IsAsciiHexDigit(src[hexEnd]) || src[hexEnd] == '_'))
                    {
                        hexEnd++;
                    }

                    if (close < 0 || close != hexEnd || hexEnd == pos + 1)
                    {
                        throw new CandidParseException("\\u{…} escape is not closed or not hexadecimal", line, pos - lineStart + 1);
                    }

                    var hex = src[(pos + 1)..close].Replace("_", string.Empty, StringComparison.Ordinal);
                    if (!int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp) || !Rune.IsValid(cp))
                    {
                        throw new CandidParseException($"\\u{{{hex}}} is not a Unicode scalar value", line, pos - lineStart + 1);
                    }

                    var count = new Rune(cp).EncodeToUtf8(utf8);
                    for (var i = 0; i < count; i++)
                    {
                        bytes.Add(utf8[i]);
                    }

                    pos = close + 1;
                    break;
                default:
                    if (char.IsAsciiHexDigit(e) && pos < src.Length && char.IsAsciiHexDigit(src[pos]))
                    {
                        bytes.Add(byte.Parse(src.AsSpan(pos - 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        pos++;
                        break;
                    }

                    throw new CandidParseException($"unknown escape '\\{e}' in text literal", line, pos - lineStart);
            }
        }
    }

    private void SkipTrivia()
    {
        while (pos < src.Length)
        {
            var c = src[pos];
            if (c == '\n')
            {
                pos++;
                line++;
                lineStart = pos;
            }
            else if (char.IsWhiteSpace(c))
            {
                pos++;
            }
            else if (c == '/' && pos + 1 < src.Length && src[pos + 1] == '/')
            {
                while (pos < src.Length && src[pos] != '\n')
                {
                    pos++;
                }
            }
            else if (c == '/' && pos + 1 < src.Length && src[pos + 1] == '*')
            {
                var depth = 0;
                do
                {
                    if (pos + 1 >= src.Length)
                    {
                        throw new CandidParseException("comment is not closed", line, pos - lineStart + 1);
                    }

                    if (src[pos] == '/' && src[pos + 1] == '*')
                    {
                        depth++;
                        pos += 2;
                    }
                    else if (src[pos] == '*' && src[pos + 1] == '/')
                    {
                        depth--;
                        pos += 2;
                    }
                    else
                    {
                        if (src[pos] == '\n')
                        {
                            line++;
                            lineStart = pos + 1;
                        }

                        pos++;
                    }
                }
                while (depth > 0);
            }
            else
            {
                return;
            }
        }
    }
}

namespace IcOperator.Candid;

/// <summary>A token of Candid text or <c>.did</c> source. Text literals keep their raw bytes (a blob may hold any).</summary>
internal readonly record struct Token(TokenKind Kind, string Value, byte[]? Bytes, int Line, int Column)
{
    public override string ToString() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Text => $"text \"{Value}\"",
        _ => $"'{Value}'",
    };
}

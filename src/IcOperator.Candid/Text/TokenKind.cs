namespace IcOperator.Candid;

internal enum TokenKind
{
    End,
    Identifier,
    Text,
    Number,
    Symbol,
}

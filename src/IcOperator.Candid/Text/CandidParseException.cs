namespace IcOperator.Candid;

/// <summary>Candid text or a <c>.did</c> file that does not parse; says where and what was expected.</summary>
public sealed class CandidParseException(string message, int line, int column)
    : CandidException($"{message} (line {line}, column {column})")
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

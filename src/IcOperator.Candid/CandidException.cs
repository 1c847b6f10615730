namespace IcOperator.Candid;

/// <summary>A Candid value, type or message that is malformed or does not fit the expected type.</summary>
public class CandidException : Exception
{
    public CandidException(string message)
        : base(message)
    {
    }

    public CandidException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

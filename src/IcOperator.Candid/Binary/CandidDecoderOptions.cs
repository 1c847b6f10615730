namespace IcOperator.Candid;

/// <summary>Bounds on the work a decode may do, so hostile messages fail fast instead of exhausting memory or stack.</summary>
public sealed record CandidDecoderOptions
{
    public static CandidDecoderOptions Default { get; } = new();

    /// <summary>How many values (including skipped ones and elements of zero-sized vectors) one message may hold.</summary>
    public int MaxValues { get; init; } = 1_000_000;

    /// <summary>How deeply values and types may nest.</summary>
    public int MaxDepth { get; init; } = Nesting.Limit;
}

namespace IcOperator.Candid.Tests.Conformance;

/// <summary>Checks one assertion; gives the reason it does not hold, or null when it holds.</summary>
internal static class SuiteRunner
{
    public static string? Run(SuiteAssertion a)
    {
        switch (a.Kind)
        {
            case SuiteAssertionKind.Decodes:
                return Read(a.Left, a.Types, out _);
            case SuiteAssertionKind.Fails:
                return Read(a.Left, a.Types, out var values) is null
                    ? $"decoded to {CandidText.PrintArguments(values!, a.Types)} but must fail"
                    : null;
            default:
                if (Read(a.Left, a.Types, out var left) is { } leftError)
                {
                    return "left: " + leftError;
                }

                if (Read(a.Right!, a.Types, out var right) is { } rightError)
                {
                    return "right: " + rightError;
                }

                var equal = left!.Count == right!.Count && left.Zip(right).All(p => p.First.Equals(p.Second));
                var shown = $"{CandidText.PrintArguments(left, a.Types)} vs {CandidText.PrintArguments(right, a.Types)}";
                return a.Kind == SuiteAssertionKind.Equal
                    ? (equal ? null : "values differ: " + shown)
                    : (equal ? "values are equal: " + shown : null);
        }
    }

    private static string? Read(SuiteInput input, IReadOnlyList<CandidType> types, out IReadOnlyList<CandidValue>? values)
    {
        try
        {
            values = input.Read(types);
            return null;
        }
        catch (CandidException e)
        {
            values = null;
            return e.Message;
        }
    }
}

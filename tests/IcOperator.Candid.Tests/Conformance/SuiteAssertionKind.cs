namespace IcOperator.Candid.Tests.Conformance;

internal enum SuiteAssertionKind
{
    Decodes,
    Fails,
    Equal,
    NotEqual,
}

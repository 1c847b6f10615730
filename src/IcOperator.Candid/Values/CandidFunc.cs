namespace IcOperator.Candid;

/// <summary>A reference to a method of a service: <c>func "aaaaa-aa".method</c>.</summary>
public sealed class CandidFunc(Principal service, string method) : CandidValue
{
    public Principal Service { get; } = service ?? throw new ArgumentNullException(nameof(service));

    public string Method { get; } = method ?? throw new ArgumentNullException(nameof(method));

    public override bool Equals(CandidValue? other) => other is CandidFunc f && f.Service == Service && f.Method == Method;

    public override int GetHashCode() => HashCode.Combine(Service, Method);
}

using BenchmarkDotNet.Attributes;
using IcOperator.Candid;

namespace IcOperator.Benchmarks;

[MemoryDiagnoser]
public class PrincipalBenchmarks
{
    private readonly Principal canister = Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai");
    private readonly byte[] derKey = Convert.FromHexString("302a300506032b6570032100" + new string('a', 64));

    [Benchmark(Baseline = true)]
    public string ToText() => canister.ToString();

    [Benchmark]
    public Principal ParseText() => Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai");

    [Benchmark]
    public Principal SelfAuthenticating() => Principal.SelfAuthenticating(derKey);
}

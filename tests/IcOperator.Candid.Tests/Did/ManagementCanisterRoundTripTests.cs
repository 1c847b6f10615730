using IcOperator.Candid.Tests.Peer;
using IcOperator.Testing;

namespace IcOperator.Candid.Tests.Did;

/// <summary>Random values of every argument and result type of every management canister method, through bytes and text.</summary>
public sealed class ManagementCanisterRoundTripTests
{
    public static TheoryData<string, string> Methods()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "ic.did", "ic.cdk-rs-2026-03.did" })
        {
            foreach (var m in Load(file).Service!.Methods)
            {
                data.Add(file, m.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Arguments_and_results_round_trip_through_bytes_and_text(string file, string method)
    {
        var func = Load(file).GetMethod(method);
        foreach (var (types, seed) in new[] { (func.Arguments, 1), (func.Results, 2) })
        {
            for (var round = 0; round < 10; round++)
            {
                var generator = new ValueGenerator((method.GetHashCode(StringComparison.Ordinal) * 31) + (seed * 1000) + round);
                var values = types.Select(t => generator.Of(t)).ToList();

                var bytes = CandidEncoder.Encode(types, values);
                CandidDecoder.Decode(bytes, types).Should().Equal(values, because: $"{method} {round}");

                var text = CandidText.PrintArguments(values, types);
                CandidText.ParseArguments(text, types).Should().Equal(values, because: text);
                CandidText.EncodeArguments(text, types).Should().Equal(bytes);
            }
        }
    }

    [RequiresToolFact("node", "@icp-sdk/core")]
    public void The_javascript_implementation_reads_and_rewrites_every_method_s_messages()
    {
        var cases = new List<(IReadOnlyList<CandidType> Types, IReadOnlyList<CandidValue> Values, byte[] Message)>();
        var generator = new ValueGenerator(7);
        foreach (var m in Load("ic.cdk-rs-2026-03.did").Service!.Methods)
        {
            foreach (var types in new[] { m.Type.Arguments, m.Type.Results })
            {
                var values = types.Select(t => generator.Of(t)).ToList();
                cases.Add((types, values, CandidEncoder.Encode(types, values)));
            }
        }

        var results = NodePeer.RoundTrip(cases.Select(c => (c.Types, c.Message)));

        for (var i = 0; i < cases.Count; i++)
        {
            results[i].Error.Should().BeNull(because: CandidText.PrintArguments(cases[i].Values, cases[i].Types));
            CandidDecoder.Decode(Convert.FromHexString(results[i].Hex!), cases[i].Types).Should().Equal(cases[i].Values);
        }
    }

    private static DidFile Load(string file) =>
        file == "ic.did" ? ManagementCanisterInterfaceTests.Spec : CdkCopy.Value;

    private static readonly Lazy<DidFile> CdkCopy = new(() => DidFile.Parse(File.ReadAllText(TestPaths.Vectors("ic-spec", "ic.cdk-rs-2026-03.did"))));
}

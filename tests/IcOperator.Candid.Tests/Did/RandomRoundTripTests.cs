using IcOperator.Candid.Tests.Peer;
using IcOperator.Testing;

namespace IcOperator.Candid.Tests.Did;

/// <summary>Random types with random values: through bytes, through text, and through the JavaScript implementation.</summary>
public sealed class RandomRoundTripTests
{
    private static IEnumerable<(IReadOnlyList<CandidType> Types, IReadOnlyList<CandidValue> Values)> Cases(int seed, int count)
    {
        var types = new TypeGenerator(seed);
        var values = new ValueGenerator(seed);
        for (var i = 0; i < count; i++)
        {
            IReadOnlyList<CandidType> argumentTypes = [.. Enumerable.Range(0, 1 + (i % 3)).Select(_ => types.Next())];
            yield return (argumentTypes, [.. argumentTypes.Select(t => values.Of(t))]);
        }
    }

    [Fact]
    public void Random_values_survive_bytes_and_text()
    {
        foreach (var (types, values) in Cases(11, 500))
        {
            var shown = CandidText.PrintArguments(values, types);
            var bytes = CandidEncoder.Encode(types, values);
            CandidDecoder.Decode(bytes, types).Should().Equal(values, because: shown);
            CandidText.ParseArguments(shown, types).Should().Equal(values, because: shown);

            // Read without types, the message names its own; reading those at the original types gives the values back.
            var message = CandidDecoder.Decode(bytes);
            CandidDecoder.Decode(CandidEncoder.Encode(message.Types, message.Values), types).Should().Equal(values, because: shown);
            foreach (var (wire, original) in message.Types.Zip(types))
            {
                (wire.IsSubtypeOf(original) && original.IsSubtypeOf(wire)).Should().BeTrue(because: $"{wire} and {original} are the same type");
            }
        }
    }

    [RequiresToolFact("node", "@icp-sdk/core")]
    public void Random_values_survive_the_javascript_implementation()
    {
        var cases = Cases(23, 200).Select(c => (c.Types, c.Values, Message: CandidEncoder.Encode(c.Types, c.Values))).ToList();
        var results = NodePeer.RoundTrip(cases.Select(c => (c.Types, c.Message)));
        for (var i = 0; i < cases.Count; i++)
        {
            var shown = CandidText.PrintArguments(cases[i].Values, cases[i].Types);
            results[i].Error.Should().BeNull(because: shown);
            CandidDecoder.Decode(Convert.FromHexString(results[i].Hex!), cases[i].Types).Should().Equal(cases[i].Values, because: shown);
        }
    }
}

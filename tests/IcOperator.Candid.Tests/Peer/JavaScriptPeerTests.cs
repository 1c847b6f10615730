using IcOperator.Candid.Tests.Did;
using IcOperator.Testing;

namespace IcOperator.Candid.Tests.Peer;

/// <summary>
/// @icp-sdk/core as an independent implementation: it must decode what we encode, and we must decode
/// what it encodes back, to the same value.
/// </summary>
public sealed class JavaScriptPeerTests
{
    private const string Did = """
        type List = opt record { head : int; tail : List };
        type Tree = variant { leaf : nat8; node : record { left : Tree; right : Tree } };
        """;

    public static IEnumerable<(string Types, string Value)> Cases()
    {
        yield return ("(nat, int, nat8, nat16, nat32, nat64, int8, int16, int32, int64)",
            "(340_282_366_920_938_463_463_374_607_431_768_211_456, -170_141_183_460_469_231_731_687_303_715_884_105_729, 255, 65_535, 4_294_967_295, 18_446_744_073_709_551_615, -128, -32_768, -2_147_483_648, -9_223_372_036_854_775_808)");
        yield return ("(float32, float64, text, bool, null, reserved, principal, blob)",
            "(1.5, -0.000001, \"☃ snow \\n\", true, null, null, principal \"ryjl3-tyaaa-aaaaa-aaaba-cai\", blob \"\\00\\01\\ff\")");
        yield return ("(List, Tree)",
            "(opt record { head = 1; tail = opt record { head = -2; tail = null } }, variant { node = record { left = variant { leaf = 1 }; right = variant { node = record { left = variant { leaf = 2 }; right = variant { leaf = 3 } } } } })");
        yield return ("(vec record { nat; text }, variant { ok : vec opt nat; err : record { code : nat32; message : text } })",
            "(vec { record { 1; \"a\" }; record { 2; \"b\" } }, variant { err = record { code = 7; message = \"bad\" } })");
        yield return ("(func (text) -> (nat) query, service { get : () -> (nat) query; put : (nat) -> () })",
            "(func \"ryjl3-tyaaa-aaaaa-aaaba-cai\".lookup, service \"aaaaa-aa\")");
    }

    [RequiresToolFact("node", "@icp-sdk/core")]
    public void Messages_survive_a_round_trip_through_the_javascript_implementation()
    {
        var definitions = DidFile.Parse(Did);
        var cases = Cases().Select(c =>
        {
            var types = CandidType.ParseArguments(c.Types, definitions);
            var values = CandidText.ParseArguments(c.Value, types);
            return (Types: types, Values: values, Message: CandidEncoder.Encode(types, values));
        }).ToList();

        var spec = ManagementCanisterInterfaceTests.Spec;
        var statusTypes = spec.GetMethod("canister_status").Results;
        var statusValues = CandidText.ParseArguments(ManagementCanisterInterfaceTests.StatusReply, statusTypes);
        cases.Add((statusTypes, statusValues, CandidEncoder.Encode(statusTypes, statusValues)));

        var results = NodePeer.RoundTrip(cases.Select(c => (c.Types, c.Message)));

        for (var i = 0; i < cases.Count; i++)
        {
            results[i].Error.Should().BeNull(because: $"case {i} must decode in JavaScript");
            var back = CandidDecoder.Decode(Convert.FromHexString(results[i].Hex!), cases[i].Types);
            back.Should().Equal(cases[i].Values, because: $"case {i}: {CandidText.PrintArguments(cases[i].Values, cases[i].Types)}");
        }
    }

    [RequiresToolFact("node", "@icp-sdk/core")]
    public void The_javascript_implementation_refuses_what_we_refuse_as_too_short()
    {
        // A truncated message: both implementations must reject it.
        var types = CandidType.ParseArguments("(record { a : nat; b : text })");
        var bytes = CandidText.EncodeArguments("(record { a = 1; b = \"hello\" })", types);
        var truncated = bytes[..^2];
        var decode = () => CandidDecoder.Decode(truncated, types);
        decode.Should().Throw<CandidException>();
        NodePeer.RoundTrip([(types, truncated)])[0].Error.Should().NotBeNull();
    }
}

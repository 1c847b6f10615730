using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.RequestIds;
using IcOperator.Agent.Requests;
using IcOperator.Agent.Responses;
using IcOperator.Agent.Tests.Cbor;
using IcOperator.Candid;
using IcOperator.Testing;

namespace IcOperator.Agent.Tests.Differential;

/// <summary>
/// Our wire code against @icp-sdk/core, an independent implementation: thousands of generated inputs go to one
/// node process and every answer must equal ours.
/// </summary>
public class AgentJsDifferentialTests
{
    [RequiresToolFact("node", "@icp-sdk/core")]
    public void Request_ids_principals_cbor_and_query_hashes_equal_the_JavaScript_agent()
    {
        var random = new Random(2026);
        var requests = Enumerable.Range(0, 1500).Select(i => Content(random, i)).ToList();
        var principals = Enumerable.Range(0, 1000).Select(i => Principal.FromBytes(CborGenerator.Bytes(random, i % 30))).ToList();
        var cbor = Enumerable.Range(0, 1000).Select(_ => CborEncoding.Encode(IcShapedValue(random, 4), selfDescribe: true)).ToList();
        var queries = Enumerable.Range(0, 500).Select(i => (
            Response: i % 2 == 0 ? QueryResponse.Replied(CborGenerator.Bytes(random, random.Next(50))) : QueryResponse.Rejected((RejectCode)random.Next(1, 7), CborGenerator.Text(random), "IC0" + random.Next(100, 999)),
            RequestId: new RequestId(CborGenerator.Bytes(random, 32)),
            Timestamp: (ulong)random.NextInt64())).ToList();

        var trees = Enumerable.Range(0, 300).Select(_ => WitnessedTree(random)).ToList();

        var question = new JsonObject
        {
            ["trees"] = new JsonArray([.. trees.Select(t => (JsonNode)new JsonObject
            {
                ["tree"] = Convert.ToHexStringLower(CborEncoding.Encode(t.Tree.ToCbor())),
                ["paths"] = new JsonArray([.. t.Paths.Select(p => (JsonNode)new JsonArray([.. p.Select(l => (JsonNode)Convert.ToHexStringLower(l))]))]),
            })]),
            ["requests"] = new JsonArray([.. requests.Select(ToJson)]),
            ["principals"] = new JsonArray([.. principals.Select(p => (JsonNode)p.ToHex())]),
            ["principalTexts"] = new JsonArray([.. principals.Select(p => (JsonNode)p.ToString())]),
            ["cbor"] = new JsonArray([.. cbor.Select(c => (JsonNode)Convert.ToHexStringLower(c))]),
            ["queryResponses"] = new JsonArray([.. queries.Select(q => (JsonNode)new JsonObject
            {
                ["replied"] = q.Response.IsReplied,
                ["arg"] = Convert.ToHexStringLower(q.Response.ReplyArg ?? []),
                ["code"] = (int)(q.Response.RejectCode ?? 0),
                ["message"] = q.Response.RejectMessage,
                ["errorCode"] = q.Response.ErrorCode,
                ["timestamp"] = q.Timestamp.ToString(),
                ["requestId"] = q.RequestId.ToString(),
            })]),
        };

        var answer = JsonNode.Parse(RunPeer(question.ToJsonString()))!;
        Strings(answer["requestIds"]).Should().Equal(requests.Select(r => r.RequestId.ToString()));
        Strings(answer["principals"]).Should().Equal(principals.Select(p => p.ToString()));
        Strings(answer["parsed"]).Should().Equal(principals.Select(p => p.ToHex()));
        Strings(answer["cbor"]).Should().Equal(cbor.Select(Convert.ToHexStringLower));
        var jsTrees = answer["trees"]!.AsArray();
        for (var i = 0; i < trees.Count; i++)
        {
            jsTrees[i]!["root"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(trees[i].Tree.Digest));
            Strings(jsTrees[i]!["lookups"]).Should().Equal(trees[i].Paths.Select(p => Describe(trees[i].Tree.LookupPath(p))), $"tree {i}");
        }

        Strings(answer["queryHashes"]).Should().Equal(queries.Select(q => Convert.ToHexStringLower(q.Response.SignableHash(q.RequestId, q.Timestamp))));
    }

    private static RequestContent Content(Random random, int i)
    {
        var sender = i % 7 == 0 ? Principal.Anonymous : Principal.FromBytes(CborGenerator.Bytes(random, 29));
        var expiry = i % 5 == 0 ? (ulong)random.Next() : (ulong)random.NextInt64() * 2;
        var nonce = i % 3 == 0 ? null : CborGenerator.Bytes(random, random.Next(0, 33));
        return (i % 3) switch
        {
            0 => new CallContent { Sender = sender, IngressExpiry = expiry, Nonce = nonce, CanisterId = Principal.FromCanisterIndex((ulong)random.NextInt64()), MethodName = CborGenerator.Text(random), Arg = CborGenerator.Bytes(random, random.Next(100)) },
            1 => new QueryContent { Sender = sender, IngressExpiry = expiry, Nonce = nonce, CanisterId = Principal.FromBytes(CborGenerator.Bytes(random, random.Next(30))), MethodName = CborGenerator.Text(random), Arg = CborGenerator.Bytes(random, random.Next(100)) },
            _ => new ReadStateContent
            {
                Sender = sender,
                IngressExpiry = expiry,
                Nonce = nonce,
                Paths = Enumerable.Range(0, random.Next(4)).Select(_ => (IReadOnlyList<byte[]>)Enumerable.Range(0, random.Next(4)).Select(_ => CborGenerator.Bytes(random, random.Next(12))).ToList()).ToList(),
            },
        };
    }

    private static JsonNode ToJson(RequestContent content)
    {
        var json = new JsonObject
        {
            ["type"] = content.RequestType,
            ["sender"] = content.Sender.ToHex(),
            ["expiry"] = content.IngressExpiry.ToString(),
            ["nonce"] = content.Nonce is null ? null : Convert.ToHexStringLower(content.Nonce),
        };
        switch (content)
        {
            case CallContent c:
                (json["canister"], json["method"], json["arg"]) = (c.CanisterId.ToHex(), c.MethodName, Convert.ToHexStringLower(c.Arg));
                break;
            case QueryContent q:
                (json["canister"], json["method"], json["arg"]) = (q.CanisterId.ToHex(), q.MethodName, Convert.ToHexStringLower(q.Arg));
                break;
            case ReadStateContent r:
                json["paths"] = new JsonArray([.. r.Paths.Select(p => (JsonNode)new JsonArray([.. p.Select(l => (JsonNode)Convert.ToHexStringLower(l))]))]);
                break;
        }

        return json;
    }

    /// <summary>CBOR of the shapes IC messages have: text-keyed maps, arrays, blobs, text, integers, booleans, null.</summary>
    private static CborValue IcShapedValue(Random random, int depth)
    {
        var kind = random.Next(depth > 0 ? 8 : 6);
        return kind switch
        {
            0 => new CborUnsigned(CborGenerator.Unsigned(random)),
            1 => new CborNegative(CborGenerator.Unsigned(random)),
            2 => new CborBytes(CborGenerator.Bytes(random, random.Next(40))),
            3 => new CborText(CborGenerator.Text(random)),
            4 => random.Next(3) switch { 0 => CborValue.True, 1 => CborValue.False, _ => CborValue.Null },
            5 => new CborUnsigned((ulong)random.Next(1000)),
            6 => new CborArray(Enumerable.Range(0, random.Next(5)).Select(_ => IcShapedValue(random, depth - 1)).ToArray()),
            _ => CborMap.FromText(Enumerable.Range(0, random.Next(5)).Select(i => new KeyValuePair<string, CborValue>($"k{i}_{CborGenerator.Text(random)}", IcShapedValue(random, depth - 1)))),
        };
    }

    /// <summary>A random canonical tree pruned to a witness of some paths, with present, absent and pruned paths to look up.</summary>
    private static (HashTree Tree, List<IReadOnlyList<byte[]>> Paths) WitnessedTree(Random random)
    {
        var builder = new HashTreeBuilder();
        var paths = new List<IReadOnlyList<byte[]>>();
        var seen = new HashSet<string>();
        for (var i = random.Next(1, 25); i > 0; i--)
        {
            IReadOnlyList<byte[]> path = [[(byte)random.Next(4)], [(byte)random.Next(6)]];
            if (seen.Add(Convert.ToHexString(path[0]) + Convert.ToHexString(path[1])))
            {
                builder.Add(path, CborGenerator.Bytes(random, random.Next(10)));
                paths.Add(path);
            }
        }

        var full = builder.Build();
        var kept = paths.Where(_ => random.Next(2) == 0).ToList();
        var witness = random.Next(4) == 0 ? full : full.Witness(kept);
        var asked = paths.Concat([[[(byte)random.Next(5)], [(byte)random.Next(7)]], [[(byte)random.Next(5)]], [[9], [9], [9]]]).ToList();
        return (witness, asked);
    }

    private static string Describe(LookupResult result) =>
        result.Status + (result.Value is { } value ? ":" + Convert.ToHexStringLower(value) : string.Empty);

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    private static string RunPeer(string question)
    {
        var script = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "IcOperator.Agent.Tests", "Differential", "agent-js-peer.mjs"));
        var start = new ProcessStartInfo(PeerTools.Node!)
        {
            WorkingDirectory = PeerTools.NpmPrefix,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--input-type=module");
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(question);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, error.Result);
        return output;
    }
}

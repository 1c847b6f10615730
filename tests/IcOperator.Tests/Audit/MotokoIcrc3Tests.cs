using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Icrc121;
using IcOperator.Agent.Icrc3;
using IcOperator.Candid;
using IcOperator.Testing;

namespace IcOperator.Tests.Audit;

/// <summary>
/// The log canister's own hashing (Icrc3.mo), run in the Motoko interpreter of the npm compiler: it must agree
/// with the standard's vectors and with the operator's hashing of blocks and tip trees, or a verifier would
/// reject a log the canister built honestly.
/// </summary>
public sealed class MotokoIcrc3Tests
{
    [RequiresToolFact("node", "motoko")]
    public async Task Log_canister_hashes_values_blocks_and_tip_trees_as_the_standard_and_the_operator_do()
    {
        var cases = new List<(string Name, string Motoko, string Expected)>();
        using (var vectors = JsonDocument.Parse(File.ReadAllText(TestPaths.Vectors("icrc3", "value-hash.json"))))
        {
            foreach (var v in vectors.RootElement.GetProperty("vectors").EnumerateArray())
            {
                cases.Add((v.GetProperty("name").GetString()!, $"I.hashValue({Motoko(Parse(v.GetProperty("value")))})", v.GetProperty("hash").GetString()!));
            }
        }

        var block = OrchestrationBlocks.UpgradeTo(Principal.Parse("2vxsx-fae"), Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai"), new byte[32], Enumerable.Repeat((byte)1, 40).ToArray(),
            stop: true, snapshot: true, timeoutNanos: 30_000_000_000, parameters: new CanisterConfig { Controllers = [Principal.Parse("2vxsx-fae")], LogVisibility = "public" });
        var value = Icrc3Blocks.Block(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), block.BlockType, 1_765_000_000_123_456_789, block.Transaction);
        cases.Add(("121upgrade_to block", $"I.hashValue({Motoko(value)})", Hex(value.Hash())));
        var tipHash = value.Hash();
        var tree = Icrc3TipCertificate.Tree(300, tipHash);
        cases.Add(("tip tree root", $"I.treeRoot(300, {MotokoBlob(tipHash)})", Hex(tree.Digest.ToArray())));
        cases.Add(("tip tree CBOR", $"I.treeCbor(300, {MotokoBlob(tipHash)})", string.Empty));

        var program = new StringBuilder("import I \"Icrc3\";\nimport Debug \"mo:core/Debug\";\n");
        foreach (var c in cases)
        {
            program.Append(CultureInfo.InvariantCulture, $"Debug.print(debug_show({c.Motoko}));\n");
        }

        var lines = (await RunAsync(program.ToString())).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('"')).ToList();

        Assert.Equal(cases.Count, lines.Count);
        for (var i = 0; i < cases.Count - 1; i++)
        {
            Assert.True(cases[i].Expected == Hex(BlobOf(lines[i])), $"{cases[i].Name}: Motoko gives {Hex(BlobOf(lines[i]))}, expected {cases[i].Expected}");
        }

        var served = HashTree.FromCbor(CborEncoding.DecodeUntagged(BlobOf(lines[^1])));
        Assert.Equal(tree.Digest.ToArray(), served.Digest.ToArray());
        Assert.Equal(tipHash, served.LookupPath(Icrc3TipCertificate.LastBlockHashLabel).Value);
    }

    private static async Task<string> RunAsync(string program)
    {
        var start = new ProcessStartInfo(PeerTools.Node!, [Path.Combine(TestPaths.RepoRoot, "tests", "IcOperator.Tests", "Audit", "motoko-run.js")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(program);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        return await stdout;
    }

    /// <summary>Motoko's debug_show of a Blob: a quoted string of \XX escapes (printable bytes as themselves).</summary>
    private static byte[] BlobOf(string shown)
    {
        var text = shown.Trim().Trim('"');
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return [.. bytes];
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string MotokoBlob(byte[] bytes) => "(\"" + string.Concat(bytes.Select(b => "\\" + b.ToString("x2", CultureInfo.InvariantCulture))) + "\" : Blob)";

    private static string MotokoText(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Motoko(Icrc3Value value) => value switch
    {
        Icrc3Nat n => $"#Nat({n.Value.ToString(CultureInfo.InvariantCulture)})",
        Icrc3Int i => $"#Int({i.Value.ToString(CultureInfo.InvariantCulture)})",
        Icrc3Text t => $"#Text({MotokoText(t.Value)})",
        Icrc3Blob b => $"#Blob({MotokoBlob(b.Value)})",
        Icrc3Array a => $"#Array([{string.Join(", ", a.Items.Select(Motoko))}])",
        Icrc3Map m => $"#Map([{string.Join(", ", m.Entries.Select(e => $"({MotokoText(e.Key)}, {Motoko(e.Value)})"))}])",
        _ => throw new ArgumentException(value.ToString()),
    };

    private static Icrc3Value Parse(JsonElement e)
    {
        var property = e.EnumerateObject().Single();
        return property.Name switch
        {
            "Nat" => Icrc3Value.Nat(System.Numerics.BigInteger.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture)),
            "Int" => Icrc3Value.Int(System.Numerics.BigInteger.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture)),
            "Text" => Icrc3Value.Text(property.Value.GetString()!),
            "Blob" => Icrc3Value.Blob(Convert.FromHexString(property.Value.GetString()!)),
            "Array" => Icrc3Value.Array(property.Value.EnumerateArray().Select(Parse)),
            "Map" => Icrc3Value.Map(property.Value.EnumerateArray().Select(p => (p[0].GetString()!, Parse(p[1])))),
            _ => throw new FormatException(property.Name),
        };
    }
}

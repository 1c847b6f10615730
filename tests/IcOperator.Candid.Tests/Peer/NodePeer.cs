using System.Diagnostics;
using System.Text.Json;
using IcOperator.Testing;

namespace IcOperator.Candid.Tests.Peer;

/// <summary>Runs @icp-sdk/core (JavaScript) on messages: decodes each at its types and encodes the result again.</summary>
internal static class NodePeer
{
    private const string Script = """
        import { IDL } from '@icp-sdk/core/candid';
        import { readFileSync } from 'node:fs';
        const cases = JSON.parse(readFileSync(0, 'utf8'));
        const out = cases.map(c => {
          try {
            const types = new Function('IDL', c.types)(IDL);
            const values = IDL.decode(types, Uint8Array.from(Buffer.from(c.hex, 'hex')));
            return { hex: Buffer.from(IDL.encode(types, values)).toString('hex') };
          } catch (e) {
            return { error: String(e.message ?? e) };
          }
        });
        process.stdout.write(JSON.stringify(out));
        """;

    public static IReadOnlyList<(string? Hex, string? Error)> RoundTrip(IEnumerable<(IReadOnlyList<CandidType> Types, byte[] Message)> cases)
    {
        var input = JsonSerializer.Serialize(cases.Select(c => new { types = JsIdl.ArgumentTypes(c.Types), hex = Convert.ToHexStringLower(c.Message) }));
        var file = Path.Combine(PeerTools.NpmPrefix, $"candid-peer-{Guid.NewGuid():N}.mjs");
        File.WriteAllText(file, Script);
        try
        {
            var start = new ProcessStartInfo(PeerTools.Node!, file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("node failed: " + stderr);
            }

            return [.. JsonDocument.Parse(stdout.Result).RootElement.EnumerateArray().Select(e => (
                e.TryGetProperty("hex", out var hex) ? hex.GetString() : null,
                e.TryGetProperty("error", out var error) ? error.GetString() : null))];
        }
        finally
        {
            File.Delete(file);
        }
    }
}

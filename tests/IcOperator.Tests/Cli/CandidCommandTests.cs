using System.CommandLine;
using IcOperator.Cli;
using IcOperator.Testing;

namespace IcOperator.Tests.Cli;

public sealed class CandidCommandTests
{
    private const string Types = "(record { owner : principal; amounts : vec nat }, opt text)";
    private const string Value = "(record { owner = principal \"2vxsx-fae\"; amounts = vec { 1; 2 } }, opt \"x\")";

    [Fact]
    public async Task Encode_prints_the_hex_bytes_of_a_typed_value()
    {
        var (exit, output, _) = await Run(null, "candid", "encode", "--types", Types, Value);
        exit.Should().Be(0);
        var hex = output.Trim();
        hex.Should().StartWith("4449444c");
        var decoded = Candid.CandidDecoder.Decode(Convert.FromHexString(hex), Candid.CandidType.ParseArguments(Types));
        decoded[0]["amounts"].AsVec().Select(v => (int)v.AsBigInteger()).Should().Equal(1, 2);
        decoded[1].AsOption()!.AsText().Should().Be("x");
    }

    [Fact]
    public async Task Decode_prints_the_value_with_names_from_the_types()
    {
        var (_, hex, _) = await Run(null, "candid", "encode", "--types", Types, Value);
        var (exit, output, _) = await Run(null, "candid", "decode", "--types", Types, hex.Trim());
        exit.Should().Be(0);
        output.Trim().Should().Be(Value);
    }

    [Fact]
    public async Task Without_types_decode_output_encodes_back_to_the_same_bytes()
    {
        const string hex = "4449444c016c02d3e3aa027e868eb7027c0100012a";
        var (_, text, _) = await Run(null, "candid", "decode", hex);
        text.Trim().Should().Be("(record { 4_895_187 = true; 5_097_222 = 42 : int })");
        var (_, again, _) = await Run(null, "candid", "encode", text.Trim());
        again.Trim().Should().Be(hex);
    }

    [Fact]
    public async Task Batch_mode_converts_one_line_per_item_and_reports_bad_items_in_place()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 2000).Select(i => i == 7 ? "(nat" : $"({i})"));
        var (exit, output, _) = await Run(new StringReader(lines), "candid", "encode", "--types", "(nat)");
        exit.Should().Be(1, "one item failed");
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        results.Should().HaveCount(2000);
        results[7].Should().StartWith("error: ").And.Contain("expected");
        results[1999].Should().Be("4449444c00017d" + "cf0f");

        var (decodeExit, decoded, _) = await Run(new StringReader(string.Join('\n', results.Where(r => !r.StartsWith("error", StringComparison.Ordinal)))), "candid", "decode", "--types", "(nat)");
        decodeExit.Should().Be(0);
        decoded.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1999).And.Contain("(1999)");
    }

    [Fact]
    public async Task A_did_file_supplies_named_types()
    {
        var did = Path.Combine(Path.GetTempPath(), $"candid-cli-{Guid.NewGuid():N}.did");
        await File.WriteAllTextAsync(did, "type Account = record { owner : principal; subaccount : opt blob };");
        try
        {
            var (exit, output, _) = await Run(null, "candid", "encode", "--did", did, "--types", "(Account)", "(record { owner = principal \"aaaaa-aa\" })");
            exit.Should().Be(0);
            var (_, text, _) = await Run(null, "candid", "decode", "--did", did, "--types", "(Account)", output.Trim());
            text.Trim().Should().Be("(record { owner = principal \"aaaaa-aa\"; subaccount = null })");

            // Without --types, an annotation may name the file's types, as with didc.
            var (_, annotated, _) = await Run(null, "candid", "encode", "--did", did, "(record { owner = principal \"aaaaa-aa\" } : Account)");
            annotated.Should().Be(output);
        }
        finally
        {
            File.Delete(did);
        }
    }

    [Fact]
    public async Task Bad_input_gives_an_error_line_and_a_failing_exit_code()
    {
        var (exit, output, error) = await Run(null, "candid", "decode", "--types", "(nat)", "4449444c00017e01");
        exit.Should().Be(1);
        output.Should().BeEmpty();
        error.Trim().Should().StartWith("error: ").And.Contain("does not fit type nat");

        var (typesExit, _, typesError) = await Run(null, "candid", "encode", "--types", "(nat", "(1)");
        typesExit.Should().Be(2);
        typesError.Should().Contain("error: expected ')'");
    }

    [RequiresToolFact("node", "@icp-sdk/core")]
    public async Task The_javascript_implementation_decodes_what_the_command_encodes()
    {
        var (_, hex, _) = await Run(null, "candid", "encode", "--types", Types, Value);
        var script = $$"""
            import { IDL } from '@icp-sdk/core/candid';
            const bytes = Uint8Array.from(Buffer.from('{{hex.Trim()}}', 'hex'));
            const [rec, opt] = IDL.decode([IDL.Record({ owner: IDL.Principal, amounts: IDL.Vec(IDL.Nat) }), IDL.Opt(IDL.Text)], bytes);
            console.log(rec.owner.toText(), rec.amounts.join(','), opt[0]);
            """;
        var output = await RunNode(script);
        output.Trim().Should().Be("2vxsx-fae 1,2 x");
    }

    private static async Task<(int Exit, string Output, string Error)> Run(TextReader? input, params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(CandidCommand.Create(input));
        var parse = root.Parse(args);
        var output = new StringWriter();
        var error = new StringWriter();
        parse.InvocationConfiguration.Output = output;
        parse.InvocationConfiguration.Error = error;
        var exit = await parse.InvokeAsync();
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<string> RunNode(string script)
    {
        var file = Path.Combine(PeerTools.NpmPrefix, $"candid-cli-{Guid.NewGuid():N}.mjs");
        await File.WriteAllTextAsync(file, script);
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(PeerTools.Node!, file) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = System.Diagnostics.Process.Start(start)!;
            var stdout = await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, stderr);
            return stdout;
        }
        finally
        {
            File.Delete(file);
        }
    }
}

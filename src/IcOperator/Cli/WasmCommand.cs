using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using IcOperator.Wasm;

namespace IcOperator.Cli;

/// <summary><c>ic-operator wasm inspect FILE</c>: what the operator reads from a module, without a cluster.</summary>
internal static class WasmCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A Wasm module, or gzip-compressed Wasm." };
        var inspect = new Command("inspect", "Print a module's hash, size, chunk hashes, custom sections and metadata as JSON.");
        inspect.Arguments.Add(file);
        inspect.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{path.FullName}: no such file.");
                return 2;
            }

            try
            {
                var module = WasmModule.Parse(File.ReadAllBytes(path.FullName));
                var report = WasmVersionReport.Verified(path.Name, module);
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report with { Version = path.Name }, Json));
                return 0;
            }
            catch (WasmException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{path.FullName}: {e.Reason}: {e.Message}");
                return 1;
            }
        });
        var command = new Command("wasm", "Work with Wasm modules.");
        command.Subcommands.Add(inspect);
        return command;
    }
}

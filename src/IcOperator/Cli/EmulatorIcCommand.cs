using System.CommandLine;
using System.Text;
using IcOperator.Emulators.Ic;

namespace IcOperator.Cli;

/// <summary><c>ic-operator emulator ic</c>: the IC emulator on its own, like a PocketIC server, until stopped.</summary>
internal static class EmulatorIcCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Port on 127.0.0.1 to serve on; 0 picks a free one.",
            DefaultValueFactory = _ => 0,
        };
        var keySeed = new Option<string?>("--key-seed")
        {
            Description = "Derive the root key from this text, so that restarts keep the same root key.",
        };
        var command = new Command("ic", "Serve an emulated IC replica (one subnet, management canister, cycles ledger) on 127.0.0.1.");
        command.Options.Add(port);
        command.Options.Add(keySeed);
        command.SetAction(async (parse, cancellation) =>
        {
            var seed = parse.GetValue(keySeed) is { } text ? Encoding.UTF8.GetBytes(text) : null;
            await using var emulator = await IcEmulator.StartAsync(new IcEmulatorOptions { Port = parse.GetValue(port), KeySeed = seed }, cancellation);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"IC emulator listening on {emulator.Url}");
            await output.WriteLineAsync($"root key (DER hex): {emulator.RootKeyHex}");
            await output.WriteLineAsync($"subnet: {emulator.SubnetId}");
            await output.WriteLineAsync($"cycles ledger: {IcEmulator.CyclesLedgerId}");
            await output.FlushAsync(cancellation);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop serving.
            }

            return 0;
        });
        return command;
    }
}

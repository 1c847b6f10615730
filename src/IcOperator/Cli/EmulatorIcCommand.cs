using System.CommandLine;
using System.Text;
using IcOperator.Emulators.Ic;
using IcOperator.Orchestration.Quantities;

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
        var updateLatency = new Option<string>("--update-latency")
        {
            Description = "How long an update call takes through consensus before it executes, e.g. 1s (mainnet-like); queries and read_state answer at once.",
            DefaultValueFactory = _ => "0s",
        };
        var ingressRate = new Option<int?>("--ingress-rate")
        {
            Description = "Most update calls per second the subnet takes into blocks; later ones wait their turn. Default: no limit.",
        };
        var certificationRound = new Option<string>("--certification-round")
        {
            Description = "How often the subnet certifies its state at most; responses in one round share one signature, e.g. 2ms.",
            DefaultValueFactory = _ => "2ms",
        };
        foreach (var duration in new[] { updateLatency, certificationRound })
        {
            duration.Validators.Add(result =>
            {
                if (!GoDuration.TryParse(result.GetValueOrDefault<string>(), out _))
                {
                    result.AddError($"{duration.Name}: expected a duration such as 1s or 250ms, found '{result.GetValueOrDefault<string>()}'.");
                }
            });
        }

        ingressRate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var rate)
            {
                result.AddError($"--ingress-rate: expected at least 1 message per second, found {rate}.");
            }
        });
        var logCapacity = new Option<int>("--log-capacity")
        {
            Description = "How many of the newest update calls and read_state requests the emulator's logs keep; older ones are dropped.",
            DefaultValueFactory = _ => IcEmulatorOptions.DefaultLogCapacity,
        };
        logCapacity.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 and var capacity)
            {
                result.AddError($"--log-capacity: expected at least 1 record, found {capacity}.");
            }
        });
        var secondSubnet = new Option<bool>("--second-subnet")
        {
            Description = "Add a second subnet (its own key, node and canister range; certificates with the root's delegation), so canisters and chunk stores can be on two subnets.",
        };
        var command = new Command("ic", "Serve an emulated IC replica (one subnet, or two with --second-subnet; management canister, cycles ledger) on 127.0.0.1.");
        command.Options.Add(secondSubnet);
        command.Options.Add(port);
        command.Options.Add(keySeed);
        command.Options.Add(updateLatency);
        command.Options.Add(ingressRate);
        command.Options.Add(certificationRound);
        command.Options.Add(logCapacity);
        command.SetAction(async (parse, cancellation) =>
        {
            var seed = parse.GetValue(keySeed) is { } text ? Encoding.UTF8.GetBytes(text) : null;
            var options = new IcEmulatorOptions
            {
                Port = parse.GetValue(port),
                KeySeed = seed,
                UpdateLatency = GoDuration.Parse(parse.GetValue(updateLatency), "--update-latency"),
                IngressMessagesPerSecond = parse.GetValue(ingressRate),
                CertificationRound = GoDuration.Parse(parse.GetValue(certificationRound), "--certification-round"),
                SecondSubnet = parse.GetValue(secondSubnet),
                LogCapacity = parse.GetValue(logCapacity),
            };
            await using var emulator = await IcEmulator.StartAsync(options, cancellation);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"IC emulator listening on {emulator.Url}");
            await output.WriteLineAsync($"root key (DER hex): {emulator.RootKeyHex}");
            await output.WriteLineAsync($"subnet: {emulator.SubnetId}");
            if (emulator.SecondSubnetId is { } second)
            {
                await output.WriteLineAsync($"second subnet: {second}");
            }

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

using System.CommandLine;
using IcOperator.Emulators.Kube;

namespace IcOperator.Cli;

/// <summary><c>ic-operator emulator kube</c>: the Kubernetes API emulator, served until stopped.</summary>
internal static class EmulatorKubeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Port on 127.0.0.1 (0 picks a free one).",
            DefaultValueFactory = _ => 0,
        };
        var kubeconfigOut = new Option<string?>("--kubeconfig-out")
        {
            Description = "Where to write a kubeconfig for the emulator (default: print it).",
        };
        var crds = new Option<string>("--crds")
        {
            Description = "Directory of CustomResourceDefinition manifests to install at start.",
            DefaultValueFactory = _ => Path.Combine("config", "crd"),
        };
        var command = new Command("kube", "Serve the Kubernetes API emulator (CRDs from config/crd/) until stopped.");
        command.Options.Add(port);
        command.Options.Add(kubeconfigOut);
        command.Options.Add(crds);
        command.SetAction(async (parse, cancellation) =>
        {
            var directory = parse.GetValue(crds)!;
            var options = new KubeEmulatorOptions
            {
                Port = parse.GetValue(port),
                CrdDirectory = Directory.Exists(directory) ? directory : null,
            };
            await using var emulator = await KubeApiEmulator.StartAsync(options, cancellation).ConfigureAwait(false);
            var output = parse.GetValue(kubeconfigOut);
            if (output is null)
            {
                await Console.Out.WriteAsync(emulator.Kubeconfig()).ConfigureAwait(false);
            }
            else
            {
                emulator.WriteKubeconfig(output);
                await Console.Out.WriteLineAsync($"kubeconfig written to {output}").ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync($"Kubernetes API emulator serving on {emulator.BaseUrl} (CRDs: {options.CrdDirectory ?? "none"}); Ctrl+C stops it.").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop serving and exit cleanly.
            }

            return 0;
        });
        return command;
    }
}

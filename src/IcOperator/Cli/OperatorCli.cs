using System.CommandLine;

namespace IcOperator.Cli;

/// <summary>The <c>ic-operator</c> command line: one sub-command per file in this folder.</summary>
internal static class OperatorCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("IC Operator: runs Internet Computer canisters the GitOps way.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(LocalCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(CandidCommand.Create());
        root.Subcommands.Add(CrdsCommand.Create());
        root.Subcommands.Add(WasmCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());

        // `ic-operator emulator ic|kube`: the in-process emulators, served on their own.
        var emulator = new Command("emulator", "Serve an emulator (IC replica or Kubernetes API) until stopped.");
        emulator.Subcommands.Add(EmulatorKubeCommand.Create());
        emulator.Subcommands.Add(EmulatorIcCommand.Create());
        root.Subcommands.Add(emulator);
        return root;
    }
}

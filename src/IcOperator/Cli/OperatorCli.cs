using System.CommandLine;

namespace IcOperator.Cli;

/// <summary>The <c>ic-operator</c> command line: one sub-command per file in this folder.</summary>
internal static class OperatorCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("IC Operator: runs Internet Computer canisters the GitOps way.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        return root;
    }
}

using System.CommandLine;
using System.Reflection;

namespace IcOperator.Cli;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the operator's version.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(Version);
            return 0;
        });
        return command;
    }

    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";
}

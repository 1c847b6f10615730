using System.CommandLine;
using IcOperator.Crds;

namespace IcOperator.Cli;

/// <summary><c>ic-operator crds</c>: writes the CustomResourceDefinitions generated from the resource types.</summary>
internal static class CrdsCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo?>("--output")
        {
            Description = "Directory to write one YAML file per CRD into (config/crd). Without it, all CRDs go to standard output.",
        };
        var chartOutput = new Option<DirectoryInfo?>("--chart-output")
        {
            Description = "A second directory that receives the same files (the chart's crds/).",
        };
        var command = new Command("crds", "Generate the CustomResourceDefinitions from the resource types.");
        command.Options.Add(output);
        command.Options.Add(chartOutput);
        command.SetAction(parse =>
        {
            var crds = CrdGenerator.GenerateAll();
            var directories = new[] { parse.GetValue(output), parse.GetValue(chartOutput) }.OfType<DirectoryInfo>().ToList();
            if (directories.Count == 0)
            {
                parse.InvocationConfiguration.Output.Write(string.Join("---\n", crds.Select(c => c.Yaml)));
                return 0;
            }

            foreach (var directory in directories)
            {
                Write(directory, crds);
                parse.InvocationConfiguration.Output.WriteLine($"wrote {crds.Count} CRDs to {directory.FullName}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Writes the CRDs and removes generated files of kinds that no longer exist.</summary>
    public static void Write(DirectoryInfo directory, IReadOnlyList<GeneratedCrd> crds)
    {
        directory.Create();
        var wanted = crds.Select(c => c.FileName).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in directory.GetFiles("*.yaml").Where(f => !wanted.Contains(f.Name) && IsGenerated(f)))
        {
            stale.Delete();
        }

        foreach (var crd in crds)
        {
            File.WriteAllText(Path.Combine(directory.FullName, crd.FileName), crd.Yaml);
        }
    }

    private static bool IsGenerated(FileInfo file)
    {
        using var reader = file.OpenText();
        return reader.ReadLine() is { } first && CrdGenerator.Header.StartsWith(first, StringComparison.Ordinal);
    }
}

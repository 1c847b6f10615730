using BenchmarkDotNet.Running;

namespace IcOperator.Benchmarks;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // `--full` selects the long scale runs; BenchmarkDotNet never sees it.
        BenchmarkOptions.Full = args.Contains("--full");
        var rest = args.Where(a => a != "--full").ToArray();
        if (rest.FirstOrDefault() == "scale")
        {
            return await DeploymentScaleBenchmark.RunAsync(rest[1..], Console.Out);
        }

        if (rest.FirstOrDefault() == "small-modules")
        {
            return await SmallModuleBenchmark.RunAsync(rest[1..], Console.Out);
        }

        if (rest.FirstOrDefault() == "steady")
        {
            return await SteadyStateBenchmark.RunAsync(rest[1..], Console.Out);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
        return 0;
    }
}

internal static class BenchmarkOptions
{
    public static bool Full { get; set; }
}

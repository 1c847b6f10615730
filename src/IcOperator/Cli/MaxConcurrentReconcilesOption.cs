using System.CommandLine;
using IcOperator.Controllers;

namespace IcOperator.Cli;

/// <summary><c>--max-concurrent-reconciles</c>, shared by <c>run</c> and <c>local</c>.</summary>
internal static class MaxConcurrentReconcilesOption
{
    public static Option<int> Create()
    {
        var option = new Option<int>("--max-concurrent-reconciles")
        {
            Description = "Objects of one kind reconciled at once, per controller (each IcNetwork's spec.limits still bounds its IC traffic).",
            DefaultValueFactory = _ => OperatorControllers.DefaultMaxConcurrentReconciles,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"--max-concurrent-reconciles: expected a whole number of at least 1, found {result.GetValueOrDefault<int>()}");
            }
        });
        return option;
    }
}

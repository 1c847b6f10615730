using System.CommandLine;
using System.Globalization;
using IcOperator.Controllers;

namespace IcOperator.Cli;

/// <summary><c>--max-concurrent-reconciles</c>, shared by <c>run</c> and <c>local</c>: <c>auto</c> (0) or a number.</summary>
internal static class MaxConcurrentReconcilesOption
{
    public static Option<int> Create() => new("--max-concurrent-reconciles")
    {
        Description = "Objects of one kind reconciled at once, per controller. auto (the default): deployments follow the IcNetworks' spec.limits (twice their maxConcurrentCalls together, at most 1024) and the other kinds use 64; each network's agent still bounds its IC traffic.",
        DefaultValueFactory = _ => OperatorControllers.AutoConcurrentReconciles,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (text == "auto")
            {
                return OperatorControllers.AutoConcurrentReconciles;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                return n;
            }

            result.AddError($"--max-concurrent-reconciles: expected auto or a whole number of at least 1, found {text}");
            return OperatorControllers.AutoConcurrentReconciles;
        },
    };
}

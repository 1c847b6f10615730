using System.Text.RegularExpressions;
using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration.Packages;

/// <summary>
/// The placeholders of a component's arguments: ${user}, ${operator}, ${previousCanisters} and
/// ${components.&lt;name&gt;.canisterId} of an earlier component. Checked before anything is created, substituted
/// when a component's CanisterDeployment is written.
/// </summary>
internal static partial class Placeholders
{
    public const string User = "user";
    public const string Operator = "operator";
    public const string PreviousCanisters = "previousCanisters";

    /// <summary>The first placeholder problem in the components' arguments, naming the field; Pass when none.</summary>
    public static GateResult Check(IReadOnlyList<PackageComponent> components)
    {
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            var texts = new[] { ("arg", component.Arg), ("init.arg", component.Init?.Arg), ("deinit.arg", component.Deinit?.Arg) };
            foreach (var (field, text) in texts)
            {
                foreach (Match match in Token().Matches(text ?? string.Empty))
                {
                    var problem = Problem(match.Groups[1].Value, components, i);
                    if (problem is not null)
                    {
                        return GateResult.Fail($"spec.components[{i}].{field} ({component.Name}): {problem}");
                    }
                }
            }
        }

        return GateResult.Pass;
    }

    /// <summary>The text with every placeholder replaced by its fact; call only after <see cref="Check"/> passed.</summary>
    public static string Substitute(string text, PackageFacts facts) =>
        Token().Replace(text, match => match.Groups[1].Value switch
        {
            User => facts.User,
            Operator => facts.Operator,
            PreviousCanisters => facts.PreviousCanisters,
            var name => facts.Previous.First(p => $"components.{p.Component}.canisterId" == name).CanisterId,
        });

    private static string? Problem(string name, IReadOnlyList<PackageComponent> components, int index)
    {
        if (name is User or Operator or PreviousCanisters)
        {
            return null;
        }

        if (ComponentReference().Match(name) is not { Success: true } reference)
        {
            return $"unknown placeholder ${{{name}}}; expected ${{user}}, ${{operator}}, ${{previousCanisters}} or ${{components.<name>.canisterId}}.";
        }

        var target = reference.Groups[1].Value;
        var position = components.Select(c => c.Name).ToList().IndexOf(target);
        return position switch
        {
            < 0 => $"${{{name}}} refers to component {target}, which the package does not declare.",
            _ when position == index => $"${{{name}}} refers to the component itself; its canister id is not known before it is installed.",
            _ when position > index => $"${{{name}}} refers to component {target}, which is installed after it.",
            _ => null,
        };
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex Token();

    [GeneratedRegex(@"^components\.([a-z]([-a-z0-9]*[a-z0-9])?)\.canisterId$")]
    private static partial Regex ComponentReference();
}

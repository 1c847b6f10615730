using YamlDotNet.RepresentationModel;

namespace IcOperator.Tests.Crds;

/// <summary>Reads YAML with YamlDotNet into plain maps, lists and typed scalars, to compare with what was written.</summary>
internal static class YamlTree
{
    public static object? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents.Single().RootNode);
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value!,
            kv => Convert(kv.Value)),
        YamlSequenceNode list => list.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"unexpected node {node.NodeType}"),
    };

    // A plain scalar is typed the way Kubernetes' YAML reader (YAML 1.1 core) would type it; a quoted one is a string.
    private static object? Scalar(YamlScalarNode scalar)
    {
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.DoubleQuoted or YamlDotNet.Core.ScalarStyle.SingleQuoted)
        {
            return scalar.Value;
        }

        var text = scalar.Value!;
        return text switch
        {
            "true" => true,
            "false" => false,
            "null" or "~" => null,
            _ when long.TryParse(text, out var number) => number,
            _ => text,
        };
    }
}

namespace IcOperator.Agent.HashTrees;

/// <summary>Requested paths merged by common prefix; a node marked whole asks for everything below it.</summary>
internal sealed class PathTrie
{
    public bool Whole { get; private set; }

    public SortedDictionary<byte[], PathTrie> Children { get; } = new(LabelComparer.Instance);

    public static PathTrie From(IEnumerable<IReadOnlyList<byte[]>> paths)
    {
        var root = new PathTrie();
        foreach (var path in paths)
        {
            var node = root;
            foreach (var label in path)
            {
                if (!node.Children.TryGetValue(label, out var child))
                {
                    child = new PathTrie();
                    node.Children.Add(label, child);
                }

                node = child;
            }

            node.Whole = true;
        }

        return root;
    }
}

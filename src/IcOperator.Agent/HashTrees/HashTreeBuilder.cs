using System.Text;

namespace IcOperator.Agent.HashTrees;

/// <summary>
/// Builds a canonical state tree from labeled paths and leaf values: at every level the labels are sorted and
/// joined by balanced forks, with no Empty inside a fork (clients reject lookups through one). A path cannot be both
/// a leaf and a prefix of another path.
/// </summary>
public sealed class HashTreeBuilder
{
    private readonly Node root = new();

    public HashTreeBuilder Add(IReadOnlyList<byte[]> path, ReadOnlySpan<byte> value)
    {
        var node = Walk(path);
        if (node.Children.Count > 0 || node.Subtree is not null)
        {
            throw new InvalidOperationException($"hash tree path {Describe(path)}: already has labels below it, cannot also hold a leaf");
        }

        node.Value = value.ToArray();
        return this;
    }

    public HashTreeBuilder Add(IReadOnlyList<string> path, ReadOnlySpan<byte> value) =>
        Add(path.Select(Encoding.UTF8.GetBytes).ToList(), value);

    /// <summary>
    /// Puts <paramref name="subtree"/>, built already (e.g. by <see cref="Level"/>), at <paramref name="path"/>: a state
    /// that keeps the parts that did not change builds only what did.
    /// </summary>
    public HashTreeBuilder AddSubtree(IReadOnlyList<byte[]> path, HashTree subtree)
    {
        ArgumentNullException.ThrowIfNull(subtree);
        var node = Walk(path);
        if (node.Children.Count > 0 || node.Value is not null)
        {
            throw new InvalidOperationException($"hash tree path {Describe(path)}: already has labels or a leaf, cannot also hold a subtree");
        }

        node.Subtree = subtree;
        return this;
    }

    /// <summary>
    /// One level of a canonical tree from its labeled subtrees, given in label order (<see cref="LabelComparer"/>): the
    /// balanced forks <see cref="Build()"/> joins a level with, or Empty for none.
    /// </summary>
    public static HashTree Level(IReadOnlyList<HashTree> labeledInOrder)
    {
        ArgumentNullException.ThrowIfNull(labeledInOrder);
        return labeledInOrder.Count == 0 ? HashTree.Empty : Join(labeledInOrder, 0, labeledInOrder.Count);
    }

    /// <summary>Adds an empty subtree at <paramref name="path"/>, e.g. a subnet with no entries, so lookups below it prove absence.</summary>
    public HashTreeBuilder AddEmpty(IReadOnlyList<byte[]> path)
    {
        Walk(path);
        return this;
    }

    /// <summary>The node at <paramref name="path"/>, made with the nodes above it where absent.</summary>
    private Node Walk(IReadOnlyList<byte[]> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = root;
        for (var i = 0; i < path.Count; i++)
        {
            if (node.Value is not null || node.Subtree is not null)
            {
                throw new InvalidOperationException($"hash tree path {Describe(path)}: prefix {Describe(path.Take(i).ToList())} already holds a leaf or a subtree");
            }

            if (!node.Children.TryGetValue(path[i], out var child))
            {
                child = new Node();
                node.Children.Add((byte[])path[i].Clone(), child);
            }

            node = child;
        }

        return node;
    }

    public HashTree Build() => Build(root);

    private static HashTree Build(Node node)
    {
        if (node.Value is not null)
        {
            return HashTree.Leaf(node.Value);
        }

        if (node.Subtree is not null)
        {
            return node.Subtree;
        }

        if (node.Children.Count == 0)
        {
            return HashTree.Empty;
        }

        var labeled = node.Children.Select(c => HashTree.Labeled(c.Key, Build(c.Value))).ToList();
        return Join(labeled, 0, labeled.Count);
    }

    private static HashTree Join(IReadOnlyList<HashTree> nodes, int start, int count)
    {
        if (count == 1)
        {
            return nodes[start];
        }

        var half = count / 2;
        return HashTree.Fork(Join(nodes, start, half), Join(nodes, start + half, count - half));
    }

    private static string Describe(IReadOnlyList<byte[]> path) => "/" + string.Join("/", path.Select(LabeledHashTree.LabelText));

    private sealed class Node
    {
        public SortedDictionary<byte[], Node> Children { get; } = new(LabelComparer.Instance);

        public byte[]? Value { get; set; }

        public HashTree? Subtree { get; set; }
    }
}

namespace IcOperator.Agent.HashTrees;

/// <summary>Prunes a full tree down to the witness of a set of paths (see <see cref="HashTree.Witness"/>).</summary>
internal static class WitnessTrie
{
    public static HashTree Apply(HashTree tree, PathTrie trie)
    {
        if (trie.Whole)
        {
            return tree;
        }

        if (tree is not (ForkHashTree or LabeledHashTree))
        {
            // Leaves, Empty and Pruned prove themselves: a lookup below them is Absent or Unknown as they are.
            return tree;
        }

        var labeled = tree.LabeledChildren();
        var keep = new Dictionary<LabeledHashTree, PathTrie?>();
        foreach (var (label, child) in trie.Children)
        {
            var index = FirstAtOrAbove(labeled, label);
            if (index < labeled.Count && labeled[index].Label.SequenceEqual(label))
            {
                keep[labeled[index]] = child;
                continue;
            }

            // Absent: keep the neighbours so the witness proves the gap.
            if (index > 0)
            {
                keep.TryAdd(labeled[index - 1], null);
            }

            if (index < labeled.Count)
            {
                keep.TryAdd(labeled[index], null);
            }
        }

        return Prune(tree, keep) ?? HashTree.Pruned(tree.Digest);
    }

    private static HashTree? Prune(HashTree node, Dictionary<LabeledHashTree, PathTrie?> keep)
    {
        switch (node)
        {
            case ForkHashTree fork:
                var left = Prune(fork.Left, keep);
                var right = Prune(fork.Right, keep);
                return left is null && right is null
                    ? null
                    : HashTree.Fork(left ?? HashTree.Pruned(fork.Left.Digest), right ?? HashTree.Pruned(fork.Right.Digest));
            case LabeledHashTree labeled when keep.TryGetValue(labeled, out var child):
                return HashTree.Labeled(labeled.Label, child is null ? HashTree.Pruned(labeled.Subtree.Digest) : Apply(labeled.Subtree, child));
            default:
                return null;
        }
    }

    private static int FirstAtOrAbove(IReadOnlyList<LabeledHashTree> labeled, byte[] label)
    {
        var low = 0;
        var high = labeled.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (labeled[mid].Label.SequenceCompareTo(label) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}

using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Cbor;

namespace IcOperator.Agent.HashTrees;

/// <summary>
/// A hash tree of the certified state (spec "Certification"): Empty, Fork, Labeled, Leaf, Pruned.
/// <see cref="Digest"/> is the spec's <c>reconstruct</c>; <see cref="LookupPath(IReadOnlyList{byte[]})"/> its <c>lookup_path</c>.
/// </summary>
public abstract class HashTree
{
    private byte[]? digest;

    private protected HashTree()
    {
    }

    public static HashTree Empty { get; } = new EmptyHashTree();

    public static HashTree Fork(HashTree left, HashTree right) => new ForkHashTree(left, right);

    public static HashTree Labeled(ReadOnlySpan<byte> label, HashTree subtree) => new LabeledHashTree(label.ToArray(), subtree);

    public static HashTree Labeled(string label, HashTree subtree) => new LabeledHashTree(Encoding.UTF8.GetBytes(label), subtree);

    public static HashTree Leaf(ReadOnlySpan<byte> value) => new LeafHashTree(value.ToArray());

    public static HashTree Pruned(ReadOnlySpan<byte> digest) => new PrunedHashTree(digest.ToArray());

    /// <summary>The root hash of this tree (computed once; trees are immutable).</summary>
    public ReadOnlySpan<byte> Digest => digest ??= ComputeDigest();

    public byte[] DigestBytes() => Digest.ToArray();

    private protected abstract byte[] ComputeDigest();

    /// <summary>The CBOR array form (<c>[0]</c>, <c>[1 l r]</c>, <c>[2 label t]</c>, <c>[3 value]</c>, <c>[4 hash]</c>).</summary>
    public abstract CborValue ToCbor();

    public static HashTree FromCbor(CborValue value) => FromCbor(value, "tree", 0);

    /// <summary>The spec's <c>flatten_forks</c>: the nodes below this level's forks, left to right.</summary>
    public IReadOnlyList<HashTree> FlattenForks()
    {
        var result = new List<HashTree>();
        var stack = new Stack<HashTree>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case ForkHashTree f:
                    stack.Push(f.Right);
                    stack.Push(f.Left);
                    break;
                case EmptyHashTree:
                    break;
                case var other:
                    result.Add(other);
                    break;
            }
        }

        return result;
    }

    public LookupResult LookupPath(params string[] path) => LookupPath(path.Select(Encoding.UTF8.GetBytes).ToArray());

    public LookupResult LookupPath(IReadOnlyList<byte[]> path)
    {
        var subtree = LookupSubtree(path);
        if (subtree.Status != LookupStatus.Found)
        {
            return subtree;
        }

        return subtree.Subtree switch
        {
            LeafHashTree leaf => LookupResult.FoundValue(leaf.Value.ToArray(), leaf),
            EmptyHashTree => LookupResult.Absent,
            PrunedHashTree => LookupResult.Unknown,
            _ => LookupResult.Error,
        };
    }

    /// <summary>Follows the labels of <paramref name="path"/> and returns the subtree found there (any node kind).</summary>
    public LookupResult LookupSubtree(IReadOnlyList<byte[]> path)
    {
        var current = this;
        foreach (var label in path)
        {
            var found = FindLabel(label, current.FlattenForks());
            if (found.Status != LookupStatus.Found)
            {
                return found;
            }

            current = found.Subtree!;
        }

        return LookupResult.FoundSubtree(current);
    }

    /// <summary>The labeled children at this level whose label and subtree are visible (not pruned away).</summary>
    public IReadOnlyList<LabeledHashTree> LabeledChildren() => FlattenForks().OfType<LabeledHashTree>().ToList();

    /// <summary>
    /// The witness of <paramref name="paths"/>: the same root hash, with the subtrees at those paths kept whole,
    /// the labels next to absent ones kept for absence proofs, and everything else pruned.
    /// </summary>
    public HashTree Witness(IEnumerable<IReadOnlyList<byte[]>> paths)
    {
        var trie = PathTrie.From(paths);
        return WitnessTrie.Apply(this, trie);
    }

    internal static byte[] DomainHash(string domain, params ReadOnlySpan<byte[]> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([(byte)domain.Length]);
        hash.AppendData(Encoding.ASCII.GetBytes(domain));
        foreach (var part in parts)
        {
            hash.AppendData(part);
        }

        return hash.GetHashAndReset();
    }

    private static LookupResult FindLabel(byte[] label, IReadOnlyList<HashTree> nodes)
    {
        if (nodes.Count == 0 || nodes is [LeafHashTree])
        {
            return LookupResult.Absent;
        }

        HashTree? previous = null;
        foreach (var node in nodes)
        {
            if (node is LabeledHashTree labeled)
            {
                var cmp = labeled.Label.SequenceCompareTo(label);
                if (cmp == 0)
                {
                    return LookupResult.FoundSubtree(labeled.Subtree);
                }

                if (cmp > 0)
                {
                    // The first label above ours: absent only if nothing hidden sits right before it.
                    return previous is null or LabeledHashTree ? LookupResult.Absent : LookupResult.Unknown;
                }
            }

            previous = node;
        }

        return previous is LabeledHashTree ? LookupResult.Absent : LookupResult.Unknown;
    }

    private static HashTree FromCbor(CborValue value, string field, int depth)
    {
        // Real state trees are shallow; the bound stops hostile inputs before the stack does.
        if (depth > 256)
        {
            throw new CborException($"{field}: hash tree nested deeper than 256 levels");
        }

        var array = value.AsArray(field);
        if (array.Count == 0)
        {
            throw new CborException($"{field}: expected a hash tree node [tag, ...], found an empty array");
        }

        var tag = array[0].AsUnsigned(field + "[0]");
        (int arity, string name) = tag switch
        {
            0 => (1, "Empty"),
            1 => (3, "Fork"),
            2 => (3, "Labeled"),
            3 => (2, "Leaf"),
            4 => (2, "Pruned"),
            _ => throw new CborException($"{field}: expected a hash tree node tag 0-4, found {tag}"),
        };
        if (array.Count != arity)
        {
            throw new CborException($"{field}: {name} node needs {arity} elements, found {array.Count}");
        }

        return tag switch
        {
            0 => Empty,
            1 => new ForkHashTree(FromCbor(array[1], field + ".left", depth + 1), FromCbor(array[2], field + ".right", depth + 1)),
            2 => new LabeledHashTree(array[1].AsBytes(field + ".label"), FromCbor(array[2], field + ".subtree", depth + 1)),
            3 => new LeafHashTree(array[1].AsBytes(field + ".value")),
            _ => array[1].AsBytes(field + ".hash") is { Length: 32 } h
                ? new PrunedHashTree(h)
                : throw new CborException($"{field}: Pruned node needs a 32-byte hash, found {array[1].AsBytes(field).Length} bytes"),
        };
    }
}

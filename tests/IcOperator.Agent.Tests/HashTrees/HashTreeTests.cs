using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Tests.Support;

namespace IcOperator.Agent.Tests.HashTrees;

public class HashTreeTests
{
    private static readonly System.Text.Json.JsonElement Example = Vectors.Load("ic-spec", "hash-tree-example.json");

    [Fact]
    public void Spec_example_full_and_pruned_trees_reconstruct_the_spec_root_hash()
    {
        var full = HashTree.FromCbor(CborEncoding.Decode(Example.Hex("full_tree_cbor_hex")));
        var pruned = HashTree.FromCbor(CborEncoding.Decode(Example.Hex("pruned_tree_cbor_hex")));
        Convert.ToHexStringLower(full.Digest).Should().Be(Example.Text("root_hash_hex"));
        Convert.ToHexStringLower(pruned.Digest).Should().Be(Example.Text("root_hash_hex"));
        CborEncoding.Encode(full.ToCbor()).Should().Equal(Example.Hex("full_tree_cbor_hex"));
    }

    [Fact]
    public void Spec_example_lookups_on_the_pruned_tree_give_the_spec_results()
    {
        var pruned = HashTree.FromCbor(CborEncoding.Decode(Example.Hex("pruned_tree_cbor_hex")));
        foreach (var lookup in Example.GetProperty("pruned_lookups").EnumerateArray())
        {
            var path = lookup.GetProperty("path").EnumerateArray().Select(p => p.GetString()!).ToArray();
            var result = pruned.LookupPath(path);
            result.Status.ToString().Should().Be(lookup.Text("result"), string.Join("/", path));
            if (result.Status == LookupStatus.Found)
            {
                Encoding.UTF8.GetString(result.Value!).Should().Be(lookup.Text("value_text"));
            }
        }
    }

    [Fact]
    public void Witness_of_the_spec_paths_is_the_spec_pruned_tree()
    {
        var full = HashTree.FromCbor(CborEncoding.Decode(Example.Hex("full_tree_cbor_hex")));
        var paths = Example.GetProperty("pruned_paths").EnumerateArray()
            .Select(p => (IReadOnlyList<byte[]>)p.EnumerateArray().Select(l => Encoding.UTF8.GetBytes(l.GetString()!)).ToList());
        var witness = full.Witness(paths);
        CborEncoding.Encode(witness.ToCbor()).Should().Equal(Example.Hex("pruned_tree_cbor_hex"));
    }

    [Fact]
    public void Lookups_on_the_full_tree_distinguish_found_absent_and_error()
    {
        var full = HashTree.FromCbor(CborEncoding.Decode(Example.Hex("full_tree_cbor_hex")));
        Encoding.UTF8.GetString(full.LookupPath("a", "x").Value!).Should().Be("hello");
        full.LookupPath("c").Status.Should().Be(LookupStatus.Absent, "c holds Empty");
        full.LookupPath("a").Status.Should().Be(LookupStatus.Error, "a is an inner node");
        full.LookupPath("b", "x").Status.Should().Be(LookupStatus.Absent, "below a leaf nothing exists");
        full.LookupPath("z").Status.Should().Be(LookupStatus.Absent);
        full.LookupPath("0").Status.Should().Be(LookupStatus.Absent);
    }

    [Fact]
    public void Builder_makes_canonical_trees_whose_lookups_and_witnesses_agree()
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var builder = new HashTreeBuilder();
            var entries = new Dictionary<string, byte[]>();
            var count = random.Next(1, 40);
            for (var i = 0; i < count; i++)
            {
                var path = $"{(char)('a' + random.Next(4))}/{random.Next(30):d2}";
                if (entries.TryAdd(path, Cbor.CborGenerator.Bytes(random, random.Next(8))))
                {
                    builder.Add(path.Split('/'), entries[path]);
                }
            }

            var tree = builder.Build();
            AssertNoEmptyInFork(tree);
            foreach (var (path, value) in entries)
            {
                tree.LookupPath(path.Split('/')).Value.Should().Equal(value);
            }

            var asked = entries.Keys.Where(_ => random.Next(3) == 0).Append("b/99").Append("e/00").ToList();
            var witness = tree.Witness(asked.Select(p => (IReadOnlyList<byte[]>)p.Split('/').Select(Encoding.UTF8.GetBytes).ToList()));
            witness.Digest.ToArray().Should().Equal(tree.Digest.ToArray());
            foreach (var path in asked)
            {
                var expected = tree.LookupPath(path.Split('/'));
                var seen = witness.LookupPath(path.Split('/'));
                seen.Status.Should().Be(expected.Status, path);
                seen.Value.Should().Equal(expected.Value);
            }
        }
    }

    [Fact]
    public void Builder_refuses_a_path_that_is_both_leaf_and_prefix()
    {
        var builder = new HashTreeBuilder().Add(["a", "b"], [1]);
        ((Action)(() => builder.Add(["a"], [2]))).Should().Throw<InvalidOperationException>().WithMessage("*already has labels below it*");
        ((Action)(() => builder.Add(["a", "b", "c"], [2]))).Should().Throw<InvalidOperationException>().WithMessage("*already holds a leaf*");
    }

    [Fact]
    public void A_level_joined_from_built_subtrees_is_the_tree_built_leaf_by_leaf()
    {
        var labels = Enumerable.Range(0, 7).Select(i => $"c{i}").ToList();
        var whole = new HashTreeBuilder().Add(["time"], [9]);
        foreach (var label in labels)
        {
            whole.Add(["canister", label, "a"], [1]).Add(["canister", label, "b"], Encoding.ASCII.GetBytes(label));
        }

        var subtrees = labels.Select(label => HashTree.Labeled(label, new HashTreeBuilder().Add(["a"], [1]).Add(["b"], Encoding.ASCII.GetBytes(label)).Build())).ToList();
        var joined = new HashTreeBuilder().Add(["time"], [9]).AddSubtree([Encoding.ASCII.GetBytes("canister")], HashTreeBuilder.Level(subtrees)).Build();

        joined.Digest.ToArray().Should().Equal(whole.Build().Digest.ToArray());
        joined.LookupPath("canister", "c3", "b").Value.Should().Equal(Encoding.ASCII.GetBytes("c3"));
        HashTreeBuilder.Level([]).Should().BeSameAs(HashTree.Empty);
        var builder = new HashTreeBuilder().AddSubtree([Encoding.ASCII.GetBytes("canister")], HashTreeBuilder.Level(subtrees));
        ((Action)(() => builder.Add(["canister", "c9", "a"], [1]))).Should().Throw<InvalidOperationException>().WithMessage("*already holds a leaf or a subtree*");
    }

    [Fact]
    public void Empty_builder_gives_the_empty_tree_and_AddEmpty_gives_an_empty_subtree()
    {
        new HashTreeBuilder().Build().Should().BeSameAs(HashTree.Empty);
        var tree = new HashTreeBuilder().AddEmpty([Encoding.ASCII.GetBytes("request_status")]).Add(["time"], [1]).Build();
        tree.LookupPath("request_status", "x").Status.Should().Be(LookupStatus.Absent);
        AssertNoEmptyInFork(tree);
    }

    [Theory]
    [InlineData("8105", "tag 0-4")]
    [InlineData("820000", "Empty node needs 1 elements")]
    [InlineData("82044100", "32-byte hash")]
    [InlineData("80", "empty array")]
    public void Malformed_tree_cbor_is_refused_with_the_reason(string hex, string reason)
    {
        var act = () => HashTree.FromCbor(CborEncoding.Decode(Convert.FromHexString(hex)));
        act.Should().Throw<CborException>().Which.Message.Should().Contain(reason);
    }

    private static void AssertNoEmptyInFork(HashTree tree)
    {
        switch (tree)
        {
            case ForkHashTree fork:
                fork.Left.Should().NotBeOfType<EmptyHashTree>();
                fork.Right.Should().NotBeOfType<EmptyHashTree>();
                AssertNoEmptyInFork(fork.Left);
                AssertNoEmptyInFork(fork.Right);
                break;
            case LabeledHashTree labeled:
                AssertNoEmptyInFork(labeled.Subtree);
                break;
        }
    }
}

using IcOperator.Agent.Icrc121;
using IcOperator.Agent.Icrc3;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Icrc3;

public sealed class Icrc3ChainCheckTests
{
    [Fact]
    public void Chain_of_linked_blocks_with_its_tip_has_no_problems()
    {
        var blocks = Chain(3);

        Assert.Empty(Icrc3ChainCheck.Problems(blocks, new Icrc3Tip(2, blocks[2].Hash(), 0)));
    }

    [Fact]
    public void Altered_block_breaks_the_link_to_the_next_one()
    {
        var blocks = Chain(3).ToList();
        var fields = blocks[1].Fields.Entries.Select(e => (e.Key, e.Key == "ts" ? Icrc3Value.Nat(999) : e.Value));
        blocks[1] = blocks[1] with { Block = Icrc3Value.Map(fields) };

        var problem = Assert.Single(Icrc3ChainCheck.Problems(blocks, new Icrc3Tip(2, blocks[2].Hash(), 0)));
        Assert.StartsWith("block 2: phash", problem);
    }

    [Fact]
    public void Altered_last_block_disagrees_with_the_certified_tip()
    {
        var blocks = Chain(2).ToList();
        var tip = new Icrc3Tip(1, blocks[1].Hash(), 0);
        blocks[1] = blocks[1] with { Block = Icrc3Blocks.Block(blocks[0].Hash(), "121stop", 1, Icrc3Value.Map()) };

        Assert.Contains("certified last_block_hash", Assert.Single(Icrc3ChainCheck.Problems(blocks, tip)));
    }

    [Fact]
    public void Tip_that_counts_other_blocks_than_were_served_is_a_problem()
    {
        var blocks = Chain(2);

        Assert.Contains("certified tip is block 5", Assert.Single(Icrc3ChainCheck.Problems(blocks, new Icrc3Tip(5, blocks[1].Hash(), 0))));
    }

    internal static IReadOnlyList<Icrc3Block> Chain(int count)
    {
        var blocks = new List<Icrc3Block>();
        var caller = Principal.Parse("2vxsx-fae");
        for (var i = 0; i < count; i++)
        {
            var tx = OrchestrationBlocks.Start(caller, Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai"));
            blocks.Add(new Icrc3Block(i, Icrc3Blocks.Block(i == 0 ? null : blocks[i - 1].Hash(), tx.BlockType, 100 + i, tx.Transaction)));
        }

        return blocks;
    }
}

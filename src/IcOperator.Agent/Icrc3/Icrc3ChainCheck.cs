namespace IcOperator.Agent.Icrc3;

/// <summary>
/// ICRC-3's validation of a downloaded log: block 0 has no parent hash, every later block's <c>phash</c> is the
/// hash of the block before it, and the last block is the certified tip (same index, same hash).
/// </summary>
public static class Icrc3ChainCheck
{
    /// <summary>Every break found, in block order; empty when the chain and the tip agree.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<Icrc3Block> blocks, Icrc3Tip? tip)
    {
        var problems = new List<string>();
        byte[]? previous = null;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Id != i)
            {
                problems.Add($"block {i}: served with id {block.Id}");
            }

            byte[]? parent;
            try
            {
                parent = block.ParentHash;
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
                parent = null;
            }

            if (i == 0 && parent is not null)
            {
                problems.Add("block 0: has a phash, but the first block has no parent");
            }
            else if (i > 0 && parent is null)
            {
                problems.Add($"block {i}: has no phash");
            }
            else if (i > 0 && !parent!.AsSpan().SequenceEqual(previous))
            {
                problems.Add($"block {i}: phash {Convert.ToHexStringLower(parent!)} is not the hash {Convert.ToHexStringLower(previous!)} of block {i - 1}");
            }

            previous = block.Hash();
        }

        if (tip is null)
        {
            if (blocks.Count > 0)
            {
                problems.Add($"the log holds {blocks.Count} blocks but certifies no tip");
            }
        }
        else if (tip.LastBlockIndex != blocks.Count - 1)
        {
            problems.Add($"the certified tip is block {tip.LastBlockIndex}, but the log served {blocks.Count} blocks");
        }
        else if (!tip.LastBlockHash.AsSpan().SequenceEqual(previous))
        {
            problems.Add($"block {blocks.Count - 1}: hash {Convert.ToHexStringLower(previous ?? [])} is not the certified last_block_hash {Convert.ToHexStringLower(tip.LastBlockHash)}");
        }

        return problems;
    }
}

using System.Numerics;

namespace IcOperator.Agent.Icrc3;

/// <summary>Builds blocks in ICRC-3's generic schema: <c>phash</c> (absent in block 0), <c>btype</c>, <c>ts</c>, <c>tx</c>.</summary>
public static class Icrc3Blocks
{
    public static Icrc3Value Block(byte[]? parentHash, string blockType, BigInteger timestampNanos, Icrc3Value transaction)
    {
        var fields = new List<(string, Icrc3Value)>();
        if (parentHash is not null)
        {
            fields.Add(("phash", Icrc3Value.Blob(parentHash)));
        }

        fields.Add(("btype", Icrc3Value.Text(blockType)));
        fields.Add(("ts", Icrc3Value.Nat(timestampNanos)));
        fields.Add(("tx", transaction));
        return Icrc3Value.Map(fields);
    }
}

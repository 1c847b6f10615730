using IcOperator.Agent.Cbor;
using IcOperator.Agent.Icrc121;
using IcOperator.Agent.Icrc3;
using IcOperator.Agent.RequestIds;
using IcOperator.Candid;

namespace IcOperator.Agent.Tests.Icrc121;

public sealed class OrchestrationBlocksTests
{
    private static readonly Principal Caller = Principal.Parse("2vxsx-fae");
    private static readonly Principal Canister = Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai");
    private static readonly byte[] ModuleHash = Enumerable.Repeat((byte)0xab, 32).ToArray();
    private static readonly byte[] Args = [0x44, 0x49, 0x44, 0x4c, 0x00, 0x01, 0x71, 0x02, 0x68, 0x69];
    private static readonly byte[] SnapshotId = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1];

    public static TheoryData<string, string[]> Blocks() => new()
    {
        { Icrc121BlockTypes.UpgradeTo, ["caller", "canister_id", "hash", "args"] },
        { Icrc121BlockTypes.UpgradeFinished, ["caller", "canister_id", "hash", "result"] },
        { Icrc121BlockTypes.Snapshot, ["caller", "canister_id"] },
        { Icrc121BlockTypes.SnapshotFinished, ["caller", "canister_id", "snapshot_id", "result"] },
        { Icrc121BlockTypes.CleanSnapshot, ["caller", "canister_id", "snapshot_id"] },
        { Icrc121BlockTypes.RevertSnapshot, ["caller", "canister_id", "snapshot_id"] },
        { Icrc121BlockTypes.RevertResult, ["caller", "canister_id", "snapshot_id", "result"] },
        { Icrc121BlockTypes.Config, ["caller", "canister_id", "configs"] },
        { Icrc121BlockTypes.Start, ["caller", "canister_id"] },
        { Icrc121BlockTypes.Stop, ["caller", "canister_id"] },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Block_has_exactly_its_fields_and_hashes_the_same_after_Candid(string blockType, string[] fields)
    {
        var block = Build(blockType);
        var value = Icrc3Blocks.Block(new byte[32], block.BlockType, 1_765_000_000_000_000_000, block.Transaction);

        Assert.Equal(blockType, block.BlockType);
        Assert.Equal(fields.Order(), block.Transaction.Entries.Select(e => e.Key).Order());
        Assert.Equal(Caller.ToByteArray(), block.Transaction.Require("caller", blockType).AsBlob("caller"));
        Assert.Equal(Canister, block.Canister);

        var decoded = Icrc3Codec.DecodeValue(Icrc3Codec.EncodeValue(value));
        Assert.Equal(value.Hash(), decoded.Hash());

        // The same hash computed independently, by the IC's request-id hashing over the equivalent CBOR.
        Assert.Equal(RepresentationIndependentHash.Of(ToCbor(value)), value.Hash());
    }

    [Fact]
    public void Upgrade_to_carries_its_optional_fields_only_when_asked_for()
    {
        var plain = OrchestrationBlocks.UpgradeTo(Caller, Canister, ModuleHash, Args);
        var full = OrchestrationBlocks.UpgradeTo(Caller, Canister, ModuleHash, Args, stop: true, snapshot: true, timeoutNanos: 30_000_000_000,
            parameters: new CanisterConfig { FreezingThreshold = 86400 });

        Assert.DoesNotContain(plain.Transaction.Entries, e => e.Key is "stop" or "snapshot" or "timeout" or "parameters");
        Assert.Equal(Icrc3Value.Blob(Args), plain.Transaction.Find("args"));
        Assert.Equal(Icrc3Value.Nat(1), full.Transaction.Find("stop"));
        Assert.Equal(Icrc3Value.Nat(1), full.Transaction.Find("snapshot"));
        Assert.Equal(Icrc3Value.Nat(30_000_000_000), full.Transaction.Find("timeout"));
        Assert.Equal(Icrc3Value.Map(("sys:freezing_threshold", Icrc3Value.Nat(86400))), full.Transaction.Find("parameters"));
    }

    [Fact]
    public void Failed_outcome_adds_the_error_and_success_does_not()
    {
        var ok = OrchestrationBlocks.UpgradeFinished(Caller, Canister, ModuleHash, OrchestrationOutcome.Success);
        var failed = OrchestrationBlocks.RevertResult(Caller, Canister, SnapshotId, OrchestrationOutcome.Failed("snapshot not found"));

        Assert.Equal(Icrc3Value.Text("Success"), ok.Transaction.Find("result"));
        Assert.Null(ok.Transaction.Find("error"));
        Assert.Equal(Icrc3Value.Text("Failed"), failed.Transaction.Find("result"));
        Assert.Equal(Icrc3Value.Text("snapshot not found"), failed.Transaction.Find("error"));
    }

    [Fact]
    public void Config_lists_only_the_settings_that_are_set_with_ICRC120_names()
    {
        var block = OrchestrationBlocks.Config(Caller, Canister, new CanisterConfig { Controllers = [Caller, Canister], LogVisibility = "public" });

        var configs = block.Transaction.Require("configs", "config").AsMap("configs");
        Assert.Equal(["sys:controllers", "sys:log_visibility"], configs.Entries.Select(e => e.Key));
        Assert.Equal(Icrc3Value.Array(Icrc3Value.Blob(Caller.ToByteArray()), Icrc3Value.Blob(Canister.ToByteArray())), configs.Find("sys:controllers"));
        Assert.Throws<ArgumentException>(() => OrchestrationBlocks.Config(Caller, Canister, new CanisterConfig()));
    }

    [Fact]
    public void Module_hash_that_is_not_SHA256_sized_is_refused_naming_the_field()
    {
        var e = Assert.Throws<ArgumentException>(() => OrchestrationBlocks.UpgradeTo(Caller, Canister, [1, 2], Args));
        Assert.Contains("hash: expected a 32-byte SHA-256", e.Message);
    }

    private static OrchestrationBlock Build(string blockType) => blockType switch
    {
        Icrc121BlockTypes.UpgradeTo => OrchestrationBlocks.UpgradeTo(Caller, Canister, ModuleHash, Args),
        Icrc121BlockTypes.UpgradeFinished => OrchestrationBlocks.UpgradeFinished(Caller, Canister, ModuleHash, OrchestrationOutcome.Success),
        Icrc121BlockTypes.Snapshot => OrchestrationBlocks.Snapshot(Caller, Canister),
        Icrc121BlockTypes.SnapshotFinished => OrchestrationBlocks.SnapshotFinished(Caller, Canister, SnapshotId, OrchestrationOutcome.Success),
        Icrc121BlockTypes.CleanSnapshot => OrchestrationBlocks.CleanSnapshot(Caller, Canister, SnapshotId),
        Icrc121BlockTypes.RevertSnapshot => OrchestrationBlocks.RevertSnapshot(Caller, Canister, SnapshotId),
        Icrc121BlockTypes.RevertResult => OrchestrationBlocks.RevertResult(Caller, Canister, SnapshotId, OrchestrationOutcome.Success),
        Icrc121BlockTypes.Config => OrchestrationBlocks.Config(Caller, Canister, new CanisterConfig { ComputeAllocation = 5 }),
        Icrc121BlockTypes.Start => OrchestrationBlocks.Start(Caller, Canister),
        Icrc121BlockTypes.Stop => OrchestrationBlocks.Stop(Caller, Canister),
        _ => throw new ArgumentException(blockType),
    };

    private static CborValue ToCbor(Icrc3Value value) => value switch
    {
        Icrc3Nat n => new CborUnsigned((ulong)n.Value),
        Icrc3Text t => new CborText(t.Value),
        Icrc3Blob b => new CborBytes(b.Value),
        Icrc3Array a => new CborArray([.. a.Items.Select(ToCbor)]),
        Icrc3Map m => CborMap.FromText([.. m.Entries.Select(e => (e.Key, ToCbor(e.Value)))]),
        _ => throw new ArgumentException(value.ToString()),
    };
}

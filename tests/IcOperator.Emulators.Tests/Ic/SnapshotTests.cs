using System.Security.Cryptography;
using System.Text;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Tests.Ic;

public sealed class SnapshotTests
{
    private readonly ReplicaHarness ic = new();
    private readonly IcOperator.Candid.Principal canister;

    public SnapshotTests()
    {
        canister = ic.Create();
        ic.Install(canister, TestModules.Counter(), "(\"v1 state\")");
    }

    [Fact]
    public void A_running_canister_can_be_snapshotted_but_a_snapshot_is_loaded_only_into_a_stopped_one()
    {
        var snapshot = ic.Management.TakeCanisterSnapshot(ReplicaHarness.Alice, canister, null);
        ic.Runtime.Call(canister, "set", TextCandidCodec.Bytes("(\"later\")"), CallKind.Update);

        var load = () => ic.Management.LoadCanisterSnapshot(ReplicaHarness.Alice, canister, snapshot.Id);
        load.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterNotStopped && e.Message.Contains("running"));
        ic.Management.StopCanister(ReplicaHarness.Alice, canister);
        ic.Management.LoadCanisterSnapshot(ReplicaHarness.Alice, canister, snapshot.Id);
        ic.Management.StartCanister(ReplicaHarness.Alice, canister);

        ic.View(canister).Status.Should().Be(CanisterStatus.Running);
        Encoding.UTF8.GetString(ic.Runtime.Call(canister, "get", [], CallKind.Query)).Should().Be("(\"v1 state\")", "the snapshot holds the state of the running canister when it was taken");
    }

    [Fact]
    public void Loading_a_snapshot_restores_module_and_state_after_an_upgrade()
    {
        ic.Management.StopCanister(ReplicaHarness.Alice, canister);
        var snapshot = ic.Management.TakeCanisterSnapshot(ReplicaHarness.Alice, canister, null);
        ic.Management.StartCanister(ReplicaHarness.Alice, canister);
        ic.Runtime.Call(canister, "set", TextCandidCodec.Bytes("(\"v2 state\")"), CallKind.Update);
        ic.Install(canister, TestModules.Counter("v2"), "()", InstallMode.Upgrade);
        ic.Management.StopCanister(ReplicaHarness.Alice, canister);

        ic.Management.LoadCanisterSnapshot(ReplicaHarness.Alice, canister, snapshot.Id);
        ic.Management.StartCanister(ReplicaHarness.Alice, canister);

        ic.View(canister).ModuleHash.Should().Equal(SHA256.HashData(TestModules.Counter()));
        Encoding.UTF8.GetString(ic.Runtime.Call(canister, "get", [], CallKind.Query)).Should().Be("(\"v1 state\")");
        ic.View(canister).History.Last().Kind.Should().Be("load_snapshot");
        snapshot.Id.AsSpan(8).SequenceEqual(canister.Bytes).Should().BeTrue("a snapshot id ends with its canister id");
    }

    [Fact]
    public void At_most_ten_snapshots_unless_one_is_replaced()
    {
        ic.Management.StopCanister(ReplicaHarness.Alice, canister);
        var taken = Enumerable.Range(0, 10).Select(_ => ic.Management.TakeCanisterSnapshot(ReplicaHarness.Alice, canister, null)).ToList();

        var eleventh = () => ic.Management.TakeCanisterSnapshot(ReplicaHarness.Alice, canister, null);
        eleventh.Should().Throw<IcRejectException>().WithMessage("*maximum number of snapshots*10*");

        var replacement = ic.Management.TakeCanisterSnapshot(ReplicaHarness.Alice, canister, taken[0].Id);
        var listed = ic.Management.ListCanisterSnapshots(ReplicaHarness.Alice, canister);
        listed.Should().HaveCount(10);
        listed.Select(s => s.IdHex).Should().Contain(replacement.IdHex).And.NotContain(taken[0].IdHex);
    }

    [Fact]
    public void Deleted_and_unknown_snapshots_are_not_found()
    {
        ic.Management.StopCanister(ReplicaHarness.Alice, canister);
        var snapshot = ic.Management.TakeCanisterSnapshot(ReplicaHarness.Alice, canister, null);

        ic.Management.DeleteCanisterSnapshot(ReplicaHarness.Alice, canister, snapshot.Id);

        ic.Management.ListCanisterSnapshots(ReplicaHarness.Alice, canister).Should().BeEmpty();
        var load = () => ic.Management.LoadCanisterSnapshot(ReplicaHarness.Alice, canister, snapshot.Id);
        load.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterSnapshotNotFound && e.Message.Contains(snapshot.IdHex));
    }

    [Fact]
    public void Snapshots_count_in_memory_and_are_controller_only()
    {
        ic.Management.StopCanister(ReplicaHarness.Alice, canister);
        var before = ic.View(canister).MemoryMetrics.SnapshotsSize;

        var snapshot = ic.Management.TakeCanisterSnapshot(ReplicaHarness.Alice, canister, null);

        ic.View(canister).MemoryMetrics.SnapshotsSize.Should().Be(before + snapshot.TotalSize);
        var bob = () => ic.Management.ListCanisterSnapshots(ReplicaHarness.Bob, canister);
        bob.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterInvalidController);
    }
}

using IcOperator.Api.V1Alpha1;
using IcOperator.Orchestration;

namespace IcOperator.Tests.Orchestration;

public sealed class SnapshotListingTests
{
    private static readonly CanisterDeploymentSpec Spec = new()
    {
        NetworkRef = new LocalObjectReference { Name = "local" },
        Template = new TemplateVersionReference { Name = "app", Version = "2.0.0" },
    };

    private static readonly ObservedCanister Running = new() { CanisterId = "aaaaa-aa", ModuleHash = "aa" };

    private static OperationRecord Upgrade(string? snapshotId = null) => new() { Type = OperationType.Upgrade, To = "2.0.0", SnapshotId = snapshotId };

    [Fact]
    public void A_canister_in_sync_with_snapshots_within_the_retention_is_not_listed()
    {
        var status = new CanisterDeploymentStatus { Snapshots = [new SnapshotRecord { Id = "01" }, new SnapshotRecord { Id = "02" }] };

        SnapshotListing.IsNeeded(Spec, status, Running).Should().BeFalse();
    }

    [Fact]
    public void More_recorded_snapshots_than_the_retention_are_listed_to_prune_them()
    {
        var status = new CanisterDeploymentStatus { Snapshots = [new SnapshotRecord { Id = "01" }, new SnapshotRecord { Id = "02" }] };

        SnapshotListing.IsNeeded(Spec with { SnapshotRetention = 1 }, status, Running).Should().BeTrue();
    }

    [Fact]
    public void A_restore_not_handled_yet_is_listed_and_a_handled_one_is_not()
    {
        var spec = Spec with { Restore = new RestoreRequest { SnapshotId = "01", RequestedAt = "r1" } };

        SnapshotListing.IsNeeded(spec, new CanisterDeploymentStatus(), Running).Should().BeTrue();
        SnapshotListing.IsNeeded(spec, new CanisterDeploymentStatus { LastHandledRestoreAt = "r1" }, Running).Should().BeFalse();
    }

    [Fact]
    public void An_upgrade_lists_snapshots_until_its_snapshot_is_recorded_already_before_the_stop()
    {
        var stopped = Running with { Status = CanisterRunStatus.Stopped };

        SnapshotListing.IsNeeded(Spec, new CanisterDeploymentStatus { LastOperation = Upgrade() }, Running).Should().BeTrue("read while the canister still runs");
        SnapshotListing.IsNeeded(Spec, new CanisterDeploymentStatus { LastOperation = Upgrade() }, stopped).Should().BeTrue();
        SnapshotListing.IsNeeded(Spec, new CanisterDeploymentStatus { LastOperation = Upgrade() }, Running with { ModuleHash = null }).Should().BeFalse("an empty canister has nothing to snapshot");
        SnapshotListing.IsNeeded(Spec, new CanisterDeploymentStatus { LastOperation = Upgrade("01") }, stopped).Should().BeFalse("the snapshot is recorded");
        SnapshotListing.IsNeeded(Spec with { Upgrade = new UpgradePolicy { Snapshot = false } }, new CanisterDeploymentStatus { LastOperation = Upgrade() }, stopped).Should().BeFalse();
    }
}

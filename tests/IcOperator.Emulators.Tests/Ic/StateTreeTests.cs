using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.HashTrees;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Certification;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Requests;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>Each round's state tree is built from what changed since the round before, and is the tree of the whole state.</summary>
public sealed class StateTreeTests : IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);

    private readonly ReplicaHarness ic = new();
    private readonly SubnetKeys keys = new(null);
    private readonly RequestStatusStore requests;
    private readonly StateTree tree;

    public StateTreeTests()
    {
        requests = new RequestStatusStore(ic.Clock, Retention);
        tree = new StateTree(ic.State, requests, keys);
    }

    public void Dispose() => keys.Dispose();

    [Fact]
    public void A_round_builds_again_only_the_canisters_and_requests_that_changed_and_shows_the_whole_state()
    {
        var canisters = Enumerable.Range(0, 6).Select(_ => ic.Create()).ToList();
        ic.Install(canisters[0], TestModules.Counter(), "(\"a\")");
        Complete(1);
        Complete(2);

        var first = tree.Build();
        tree.SubtreesBuilt.Should().Be(8, "six canisters and two requests, all new");
        first.Digest.ToArray().Should().Equal(WholeTree().Digest.ToArray());

        ic.Management.UpdateSettings(ReplicaHarness.Alice, canisters[1], new CanisterSettingsUpdate { Controllers = [ReplicaHarness.Alice, ReplicaHarness.Bob] });
        ic.Install(canisters[2], TestModules.Counter(), "(\"b\")");
        ic.State.Get(canisters[3]).CertifiedData = SHA256.HashData([3]);
        Complete(3);
        var second = tree.Build();

        tree.SubtreesBuilt.Should().Be(12, "three canisters changed and one request is new");
        second.Digest.ToArray().Should().Equal(WholeTree().Digest.ToArray());
        second.Digest.ToArray().Should().NotEqual(first.Digest.ToArray());
        Controllers(second, canisters[1]).Should().Equal(ReplicaHarness.Alice, ReplicaHarness.Bob);
    }

    [Fact]
    public void A_request_past_its_retention_is_shown_done_then_gone_and_a_deleted_canister_leaves_the_tree()
    {
        var canister = ic.Create();
        Complete(1);
        tree.Build();

        ic.Clock.Advance(Retention + TimeSpan.FromSeconds(1));
        var done = tree.Build();
        done.LookupPath([Label("request_status"), RequestId(1), Label("status")]).Value!.ToArray().Should().Equal("done"u8.ToArray());
        done.Digest.ToArray().Should().Equal(WholeTree().Digest.ToArray());

        ic.Clock.Advance(Retention);
        ic.Management.StopCanister(ReplicaHarness.Alice, canister);
        ic.Management.DeleteCanister(ReplicaHarness.Alice, canister);
        var empty = tree.Build();
        empty.Digest.ToArray().Should().Equal(WholeTree().Digest.ToArray());
        empty.LookupPath([Label("request_status"), RequestId(1), Label("status")]).Status.Should().Be(LookupStatus.Absent);
        empty.LookupPath([Label("canister"), canister.ToByteArray(), Label("controllers")]).Status.Should().Be(LookupStatus.Absent);
    }

    private void Complete(byte n) =>
        requests.Add(new RequestStatus(RequestId(n), ReplicaHarness.Alice, Principal.FromCanisterIndex(n), CallOutcome.Replied([n]), ic.Clock.GetUtcNow()));

    private static byte[] RequestId(byte n) => SHA256.HashData([n]);

    private static byte[] Label(string text) => Encoding.UTF8.GetBytes(text);

    private static List<Principal> Controllers(HashTree state, Principal canister) =>
        CborEncoding.DecodeUntagged(state.LookupPath([Label("canister"), canister.ToByteArray(), Label("controllers")]).Value).AsArray("controllers")
            .Items.Select(i => Principal.FromBytes(i.AsBytes("controller"))).ToList();

    /// <summary>The tree of the whole state, leaf by leaf, as the interface specification lays it out.</summary>
    private HashTree WholeTree()
    {
        var builder = new HashTreeBuilder();
        builder.Add([Label("time")], Leb128.EncodeUnsigned(CandidResults.Nanos(ic.State.Now)));
        builder.Add([Label("subnet"), keys.SubnetId.ToByteArray(), Label("node"), keys.NodeId.ToByteArray(), Label("public_key")], keys.NodeKey.PublicKeyDer);
        foreach (var canister in ic.State.Canisters)
        {
            var id = canister.Id.ToByteArray();
            builder.Add([Label("canister"), id, Label("controllers")], CborEncoding.Encode(
                new CborArray(canister.Settings.Controllers.Select(c => (CborValue)new CborBytes(c.Bytes)).ToArray()), selfDescribe: true));
            builder.Add([Label("canister"), id, Label("certified_data")], canister.CertifiedData);
            if (canister.Module is { } module)
            {
                builder.Add([Label("canister"), id, Label("module_hash")], module.Module.Hash);
                foreach (var section in module.Module.CustomSections.Where(s => s.MetadataName is not null))
                {
                    builder.Add([Label("canister"), id, Label("metadata"), Label(section.MetadataName!)], section.Content);
                }
            }
        }

        foreach (var request in requests.All())
        {
            builder.Add([Label("request_status"), request.RequestId, Label("status")], request.Done ? "done"u8 : "replied"u8);
            if (!request.Done)
            {
                builder.Add([Label("request_status"), request.RequestId, Label("reply")], request.Outcome.Reply);
            }
        }

        return builder.Build();
    }
}

using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.RequestIds;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Requests;
using IcOperator.Emulators.Ic.State;

namespace IcOperator.Emulators.Ic.Certification;

/// <summary>
/// The certified state tree as one subnet of the emulated network signs it (<c>time</c>, <c>subnet</c>,
/// <c>canister</c>, <c>request_status</c>); <see cref="CertificationRounds"/> signs it. Every subnet shows the whole
/// topology (each subnet's key and canister ranges) and its own node; the canisters of all subnets share one state.
/// A round builds only what changed since the one before: each canister's and each request's subtree is kept with
/// what it was built from and reused while that is unchanged, so a round over N canisters and R requests hashes the
/// changed entries and the forks joining them, and holds the execution lock only to copy N references.
/// </summary>
internal sealed class StateTree(ReplicatedState state, RequestStatusStore requests, SubnetKeys keys)
{
    /// <summary>Every canister id, when the network has one subnet.</summary>
    public static readonly CanisterRanges Ranges = new([(Principal.FromCanisterIndex(0), Principal.FromCanisterIndex(ulong.MaxValue))]);

    private static readonly byte[] Time = "time"u8.ToArray();

    private readonly Lock gate = new();
    private Dictionary<Principal, CanisterEntry> canisters = [];
    private Dictionary<RequestStatus, LabeledHashTree> statuses = new(ReferenceEqualityComparer.Instance);

    /// <summary>Canister and request subtrees built by the rounds so far (the rest were reused), for tests.</summary>
    public long SubtreesBuilt { get; private set; }

    /// <summary>The whole tree as of now; <see cref="CertificationRounds"/> signs it once per round.</summary>
    public HashTree Build()
    {
        List<CertifiedCanister> views;
        lock (state.Gate)
        {
            views = state.Canisters.Select(c => new CertifiedCanister(c.Id, c.Settings.Controllers, c.CertifiedData, c.Module?.Module)).ToList();
        }

        var builder = new HashTreeBuilder();
        builder.Add([Time], Leb128.EncodeUnsigned(CandidResults.Nanos(state.Now)));
        foreach (var placement in state.Subnets)
        {
            var id = placement.SubnetId.ToByteArray();
            builder.Add([L("subnet"), id, L("public_key")], placement.PublicKeyDer);
            builder.Add([L("subnet"), id, L("canister_ranges")], placement.Ranges.Encode());

            // The sharded layout newer agents (icp 1.5) read: /canister_ranges/<subnet>/<first canister of the shard>.
            builder.Add([L("canister_ranges"), id, placement.Ranges.Ranges[0].Start.ToByteArray()], placement.Ranges.Encode());
        }

        builder.Add([L("subnet"), keys.SubnetId.ToByteArray(), L("node"), keys.NodeId.ToByteArray(), L("public_key")], keys.NodeKey.PublicKeyDer);
        lock (gate)
        {
            if (CanisterLevel(views) is { } canisterLevel)
            {
                builder.AddSubtree([L("canister")], canisterLevel);
            }

            if (RequestStatusLevel(requests.All()) is { } requestLevel)
            {
                builder.AddSubtree([L("request_status")], requestLevel);
            }
        }

        return builder.Build();
    }

    /// <summary>The <c>canister</c> level from each canister's subtree, built again only for canisters that changed; null for none.</summary>
    private HashTree? CanisterLevel(List<CertifiedCanister> views)
    {
        if (views.Count == 0)
        {
            canisters = [];
            return null;
        }

        var next = new Dictionary<Principal, CanisterEntry>(views.Count);
        var labeled = new List<LabeledHashTree>(views.Count);
        foreach (var view in views)
        {
            if (!canisters.TryGetValue(view.Id, out var entry) || !entry.Shows(view))
            {
                entry = new CanisterEntry(view, CanisterSubtree(view));
                SubtreesBuilt++;
            }

            next[view.Id] = entry;
            labeled.Add(entry.Tree);
        }

        canisters = next;
        labeled.Sort((a, b) => a.Label.SequenceCompareTo(b.Label));
        return HashTreeBuilder.Level(labeled);
    }

    private static LabeledHashTree CanisterSubtree(CertifiedCanister canister)
    {
        var builder = new HashTreeBuilder();
        builder.Add([L("controllers")], CborEncoding.Encode(
            new CborArray(canister.Controllers.Select(c => (CborValue)new CborBytes(c.Bytes)).ToArray()), selfDescribe: true));
        builder.Add([L("certified_data")], canister.CertifiedData);
        if (canister.Module is { } module)
        {
            builder.Add([L("module_hash")], module.Hash);
            foreach (var section in module.CustomSections)
            {
                if (section.MetadataName is { } name)
                {
                    builder.Add([L("metadata"), L(name)], section.Content);
                }
            }
        }

        return (LabeledHashTree)HashTree.Labeled(canister.Id.ToByteArray(), builder.Build());
    }

    /// <summary>The <c>request_status</c> level, each request's subtree built once per status it goes through; null for none.</summary>
    private HashTree? RequestStatusLevel(IReadOnlyList<RequestStatus> all)
    {
        if (all.Count == 0)
        {
            statuses = new(ReferenceEqualityComparer.Instance);
            return null;
        }

        var next = new Dictionary<RequestStatus, LabeledHashTree>(all.Count, ReferenceEqualityComparer.Instance);
        foreach (var request in all)
        {
            if (!statuses.TryGetValue(request, out var tree))
            {
                tree = RequestSubtree(request);
                SubtreesBuilt++;
            }

            next[request] = tree;
        }

        statuses = next;
        var ordered = next.Values.ToList();
        ordered.Sort((a, b) => a.Label.SequenceCompareTo(b.Label));
        return HashTreeBuilder.Level(ordered);
    }

    private static LabeledHashTree RequestSubtree(RequestStatus request)
    {
        var builder = new HashTreeBuilder();
        if (request.Done)
        {
            builder.Add([L("status")], "done"u8);
        }
        else if (request.Outcome.Reply is { } reply)
        {
            builder.Add([L("status")], "replied"u8);
            builder.Add([L("reply")], reply);
        }
        else
        {
            var outcome = request.Outcome;
            builder.Add([L("status")], "rejected"u8);
            builder.Add([L("reject_code")], Leb128.EncodeUnsigned((ulong)outcome.RejectCode));
            builder.Add([L("reject_message")], Encoding.UTF8.GetBytes(outcome.RejectMessage));
            if (outcome.ErrorCode is { } code)
            {
                builder.Add([L("error_code")], Encoding.UTF8.GetBytes(Rejects.IcErrorCodeText.ToWire(code)));
            }
        }

        return (LabeledHashTree)HashTree.Labeled(request.RequestId, builder.Build());
    }

    private static byte[] L(string label) => Encoding.UTF8.GetBytes(label);
}

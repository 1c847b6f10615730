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
/// </summary>
internal sealed class StateTree(ReplicatedState state, RequestStatusStore requests, SubnetKeys keys)
{
    /// <summary>Every canister id, when the network has one subnet.</summary>
    public static readonly CanisterRanges Ranges = new([(Principal.FromCanisterIndex(0), Principal.FromCanisterIndex(ulong.MaxValue))]);

    private static readonly byte[] Time = "time"u8.ToArray();

    /// <summary>The whole tree as of now; <see cref="CertificationRounds"/> signs it once per round.</summary>
    public HashTree Build()
    {
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
        lock (state.Gate)
        {
            foreach (var canister in state.Canisters)
            {
                var id = canister.Id.ToByteArray();
                builder.Add([L("canister"), id, L("controllers")], CborEncoding.Encode(
                    new CborArray(canister.Settings.Controllers.Select(c => (CborValue)new CborBytes(c.Bytes)).ToArray()), selfDescribe: true));
                builder.Add([L("canister"), id, L("certified_data")], canister.CertifiedData);
                if (canister.Module is { } module)
                {
                    builder.Add([L("canister"), id, L("module_hash")], module.Module.Hash);
                    foreach (var section in module.Module.CustomSections)
                    {
                        if (section.MetadataName is { } name)
                        {
                            builder.Add([L("canister"), id, L("metadata"), L(name)], section.Content);
                        }
                    }
                }
            }
        }

        foreach (var request in requests.All())
        {
            var prefix = new List<byte[]> { L("request_status"), request.RequestId };
            if (request.Done)
            {
                builder.Add([.. prefix, L("status")], "done"u8);
                continue;
            }

            var outcome = request.Outcome;
            if (outcome.Reply is { } reply)
            {
                builder.Add([.. prefix, L("status")], "replied"u8);
                builder.Add([.. prefix, L("reply")], reply);
            }
            else
            {
                builder.Add([.. prefix, L("status")], "rejected"u8);
                builder.Add([.. prefix, L("reject_code")], Leb128.EncodeUnsigned((ulong)outcome.RejectCode));
                builder.Add([.. prefix, L("reject_message")], Encoding.UTF8.GetBytes(outcome.RejectMessage));
                if (outcome.ErrorCode is { } code)
                {
                    builder.Add([.. prefix, L("error_code")], Encoding.UTF8.GetBytes(Rejects.IcErrorCodeText.ToWire(code)));
                }
            }
        }

        return builder.Build();
    }

    private static byte[] L(string label) => Encoding.UTF8.GetBytes(label);
}

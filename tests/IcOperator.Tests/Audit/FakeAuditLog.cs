using System.Numerics;
using System.Text;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Agent.Icrc121;
using IcOperator.Agent.Icrc3;
using IcOperator.Audit;
using IcOperator.Candid;
using IcOperator.Controllers;

namespace IcOperator.Tests.Audit;

/// <summary>
/// An in-memory ICRC-3 log with the log canister's rules (one append per key, phash chain, certified tip)
/// and a subnet key certifying its tip, standing in for the Motoko canister where no Wasm runs. Faults:
/// lose the answer of an append after storing it, or fail an append before storing it.
/// </summary>
internal sealed class FakeAuditLog : IAuditLogs, IAuditLog, IIcrc3LogReader
{
    private readonly List<Icrc3Value> blocks = [];
    private readonly Dictionary<string, ulong> byKey = [];
    private readonly object gate = new();
    private readonly BlsSecretKey subnetKey;
    private long now = 1_765_000_000_000_000_000;

    public FakeAuditLog(Principal canister, BlsSecretKey subnetKey)
    {
        Canister = canister;
        this.subnetKey = subnetKey;
    }

    public Principal Canister { get; }

    public List<Principal> Writers { get; } = [];

    /// <summary>Stores the next matching block, then throws as if the operator died before hearing the answer.</summary>
    public Func<OrchestrationBlock, bool>? LoseAnswerOnce { get; set; }

    /// <summary>Throws before storing the next matching block, as if the operator died before sending it.</summary>
    public Func<OrchestrationBlock, bool>? FailBeforeStoringOnce { get; set; }

    public IReadOnlyList<Icrc3Block> Blocks
    {
        get
        {
            lock (gate)
            {
                return [.. blocks.Select((b, i) => new Icrc3Block(i, b))];
            }
        }
    }

    public IReadOnlyList<string> BlockTypes => [.. Blocks.Select(b => b.BlockType!)];

    public IAuditLog Open(NetworkConnection network, Principal logCanister)
    {
        Assert.Equal(Canister, logCanister);
        lock (gate)
        {
            Writers.Add(Principal.Parse(network.OperatorPrincipal));
        }

        return this;
    }

    public Task<ulong> AppendAsync(string key, OrchestrationBlock block, CancellationToken cancellationToken)
    {
        if (FailBeforeStoringOnce?.Invoke(block) == true)
        {
            FailBeforeStoringOnce = null;
            throw new HttpRequestException($"injected: {block.BlockType} was never sent");
        }

        ulong index;
        lock (gate)
        {
            if (!byKey.TryGetValue(key, out index))
            {
                index = (ulong)blocks.Count;
                var parent = blocks.Count == 0 ? null : blocks[^1].Hash();
                blocks.Add(Icrc3Blocks.Block(parent, block.BlockType, now++, block.Transaction));
                byKey[key] = index;
            }
        }

        if (LoseAnswerOnce?.Invoke(block) == true)
        {
            LoseAnswerOnce = null;
            throw new HttpRequestException($"injected: the answer to {block.BlockType} was lost");
        }

        return Task.FromResult(index);
    }

    /// <summary>Overwrites a stored block without re-linking or re-certifying, like the canister's test hook.</summary>
    public void Overwrite(int index, Icrc3Value block)
    {
        lock (gate)
        {
            blocks[index] = block;
        }
    }

    public Task<IReadOnlyList<Icrc3Block>> ReadAllAsync(CancellationToken cancellationToken = default) => Task.FromResult(Blocks);

    /// <summary>The tip certificate, signed by <paramref name="signer"/> (the subnet's key unless a test forges one).</summary>
    public DataCertificate? TipCertificate(DateTimeOffset certifiedAt, BlsSecretKey? signer = null)
    {
        Icrc3Block[] all = [.. Blocks];
        if (all.Length == 0)
        {
            return null;
        }

        var tree = Icrc3TipCertificate.Tree(all.Length - 1, TipHash ?? all[^1].Hash());
        var state = new HashTreeBuilder()
            .Add([Encoding.ASCII.GetBytes("canister"), Canister.ToByteArray(), Encoding.ASCII.GetBytes("certified_data")], tree.Digest)
            .Add([Encoding.ASCII.GetBytes("time")], Leb128.EncodeUnsigned((BigInteger)(certifiedAt - DateTimeOffset.UnixEpoch).Ticks * 100))
            .Build();
        var unsigned = new Certificate { Tree = state, Signature = [] };
        var certificate = unsigned with { Signature = (signer ?? subnetKey).Sign(unsigned.SignedMessage()) };
        return new DataCertificate(certificate.Encode(), CborEncoding.Encode(tree.ToCbor()));
    }

    /// <summary>The tip hash certified, frozen when a test tampers with the last block after certification.</summary>
    public byte[]? TipHash { get; set; }

    public BlsSecretKey? Forger { get; set; }

    public Task<DataCertificate?> GetTipCertificateAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(TipCertificate(DateTimeOffset.UtcNow, Forger));
}

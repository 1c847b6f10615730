using IcOperator.Agent.Bls;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Icrc121;
using IcOperator.Agent.Icrc3;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Audit;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;

namespace IcOperator.Tests.Audit;

/// <summary>The Motoko log canister itself, running as Wasm in the IC emulator, written and read over the IC's HTTP interface.</summary>
public sealed class AuditLogCanisterTests : IAsyncLifetime
{
    private readonly Ed25519Identity writer = Ed25519Identity.Generate();
    private IcEmulator ic = null!;
    private HttpAgent agent = null!;
    private Principal log = null!;

    public async Task InitializeAsync()
    {
        ic = await IcEmulator.StartAsync();
        agent = new HttpAgent(new HttpAgentOptions { Url = ic.Url, Identity = writer, RootKeySource = RootKeySource.Fetch, SignatureVerifier = new Bls12381SignatureVerifier() });
        var management = new ManagementCanister(agent);
        log = await management.ProvisionalCreateCanisterWithCyclesAsync(10_000_000_000_000, null);
        await management.InstallCodeAsync(log, CanisterInstallMode.InstallMode, AuditLogModule.Wasm, AuditLogModule.InitArgument(writer.Sender, enableTestHooks: true));
    }

    public async Task DisposeAsync()
    {
        agent.Dispose();
        await ic.DisposeAsync();
        writer.Dispose();
    }

    [Fact]
    public async Task Log_chains_and_certifies_what_its_writer_appends_and_verification_catches_an_overwritten_block()
    {
        var canister = Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai");
        var writes = new AuditLogCanister(agent, log);
        var stop = OrchestrationBlocks.Stop(writer.Sender, canister);
        Assert.Equal(0UL, await writes.AppendAsync("uid/0", OrchestrationBlocks.UpgradeTo(writer.Sender, canister, new byte[32], [0x44, 0x49, 0x44, 0x4c, 0x00, 0x00], stop: true), default));
        Assert.Equal(1UL, await writes.AppendAsync("uid/1", stop, default));
        Assert.Equal(1UL, await writes.AppendAsync("uid/1", stop, default));
        Assert.Equal(2UL, await writes.AppendAsync("uid/2", OrchestrationBlocks.Start(writer.Sender, canister), default));

        // The tip certificate is the IC's: the emulator's BLS signature over a state holding the canister's certified_data.
        var client = new Icrc3LogClient(agent, log);
        var blocks = await client.ReadAllAsync();
        var verified = await AuditLogVerifier.VerifyAsync(client, Verifier(), default);
        Assert.Empty(verified.Problems);
        Assert.Equal(2UL, (ulong)verified.Tip!.LastBlockIndex);
        Assert.Equal(blocks[2].Hash(), verified.Tip.LastBlockHash);
        Assert.Null(blocks[0].ParentHash);
        Assert.Equal([Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.Stop, Icrc121BlockTypes.Start], blocks.Select(b => b.BlockType));
        Assert.Equal(Icrc121BlockTypes.All, (await client.SupportedBlockTypesAsync()).Select(t => t.BlockType));
        Assert.Contains(await client.SupportedStandardsAsync(), s => s.Name == "ICRC-3");
        Assert.Empty(await client.GetArchivesAsync());
        Assert.Equal(0, await VerifyCommandAsync());

        var altered = Icrc3Value.Map(blocks[1].Fields.Entries.Select(e => (e.Key, e.Key == "btype" ? Icrc3Value.Text(Icrc121BlockTypes.Start) : e.Value)));
        await agent.CallAsync(log, "test_hook_overwrite_block", CandidEncoder.Encode([CandidType.Nat, Icrc3Interface.Value], [CandidValue.Nat(1), Icrc3Codec.ToCandid(altered)]));

        var tampered = await AuditLogVerifier.VerifyAsync(client, Verifier(), default);
        Assert.Contains(tampered.Problems, p => p.StartsWith("block 2: phash", StringComparison.Ordinal));
        Assert.Equal(1, await VerifyCommandAsync());
    }

    [Fact]
    public async Task Verification_rejects_a_tip_certificate_signed_by_another_key_or_claiming_another_tip()
    {
        var canister = Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai");
        var writes = new AuditLogCanister(agent, log);
        await writes.AppendAsync("uid/0", OrchestrationBlocks.Stop(writer.Sender, canister), default);
        await writes.AppendAsync("uid/1", OrchestrationBlocks.Start(writer.Sender, canister), default);
        var client = new Icrc3LogClient(agent, log);
        var real = (await client.GetTipCertificateAsync())!;
        var blocks = await client.ReadAllAsync();

        var certificate = Certificate.Decode(real.Certificate);
        var forger = BlsSecretKey.FromBytes(Enumerable.Range(9, 32).Select(i => (byte)i).ToArray());
        var resigned = certificate with { Signature = forger.Sign(certificate.SignedMessage()) };
        var otherKey = await AuditLogVerifier.VerifyAsync(new ServedTip(client, real with { Certificate = resigned.Encode() }), Verifier(), default);
        Assert.Contains(otherKey.Problems, p => p.StartsWith("tip certificate:", StringComparison.Ordinal));

        // A hash tree naming only the first block as the tip: the certificate's certified_data does not match it.
        var shorter = Agent.Cbor.CborEncoding.Encode(Icrc3TipCertificate.Tree(0, blocks[0].Hash()).ToCbor());
        var otherTip = await AuditLogVerifier.VerifyAsync(new ServedTip(client, real with { HashTree = shorter }), Verifier(), default);
        Assert.Contains(otherTip.Problems, p => p.StartsWith("tip certificate:", StringComparison.Ordinal));
        Assert.Null(otherTip.Tip);

        var none = await AuditLogVerifier.VerifyAsync(new ServedTip(client, null), Verifier(), default);
        Assert.Contains("tip certificate: the log serves none for its 2 blocks", none.Problems);
    }

    private CertificateVerifier Verifier() => new(new CertificateVerifierOptions { RootKey = ic.RootKeyDer, SignatureVerifier = new Bls12381SignatureVerifier() });

    /// <summary>Runs <c>ic-operator audit verify</c> in process against the log and returns its exit code.</summary>
    private async Task<int> VerifyCommandAsync()
    {
        using var output = new StringWriter();
        var parse = IcOperator.Cli.OperatorCli.Build().Parse(["audit", "verify", "--network", ic.Url.ToString(), "--root-key", "fetch", "--log", log.ToString()]);
        parse.InvocationConfiguration.Output = output;
        parse.InvocationConfiguration.Error = output;
        return await parse.InvokeAsync(parse.InvocationConfiguration);
    }

    /// <summary>The log's blocks with a tip certificate a test chose, as a man in the middle would serve them.</summary>
    private sealed class ServedTip(Icrc3LogClient log, DataCertificate? tip) : IIcrc3LogReader
    {
        public Principal Canister => log.Canister;

        public Task<IReadOnlyList<Icrc3Block>> ReadAllAsync(CancellationToken cancellationToken = default) => log.ReadAllAsync(cancellationToken);

        public Task<DataCertificate?> GetTipCertificateAsync(CancellationToken cancellationToken = default) => Task.FromResult(tip);
    }

    [Fact]
    public async Task Only_the_writer_appends()
    {
        using var stranger = new HttpAgent(new HttpAgentOptions { Url = ic.Url, Identity = Ed25519Identity.Generate(), RootKeySource = RootKeySource.Fetch, SignatureVerifier = new Bls12381SignatureVerifier() });

        var e = await Assert.ThrowsAsync<IcRejectException>(() => new AuditLogCanister(stranger, log).AppendAsync("k", OrchestrationBlocks.Start(stranger.Sender, log), default));

        Assert.Contains("only the writer", e.RejectMessage);
        Assert.Empty(await new Icrc3LogClient(agent, log).ReadAllAsync());
    }
}

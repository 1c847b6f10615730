using IcOperator.Agent.Bls;
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

        // The emulator does not serve a data certificate to queries yet, so the tip is checked here from the
        // chain alone; the certified tip is verified against the in-memory log in AuditTrailEndToEndTests.
        var client = new Icrc3LogClient(agent, log);
        var blocks = await client.ReadAllAsync();
        var tip = new Icrc3Tip(2, blocks[2].Hash(), 0);
        Assert.Empty(Icrc3ChainCheck.Problems(blocks, tip));
        Assert.Null(blocks[0].ParentHash);
        Assert.Equal([Icrc121BlockTypes.UpgradeTo, Icrc121BlockTypes.Stop, Icrc121BlockTypes.Start], blocks.Select(b => b.BlockType));
        Assert.Equal(Icrc121BlockTypes.All, (await client.SupportedBlockTypesAsync()).Select(t => t.BlockType));
        Assert.Contains(await client.SupportedStandardsAsync(), s => s.Name == "ICRC-3");
        Assert.Empty(await client.GetArchivesAsync());

        var altered = Icrc3Value.Map(blocks[1].Fields.Entries.Select(e => (e.Key, e.Key == "btype" ? Icrc3Value.Text(Icrc121BlockTypes.Start) : e.Value)));
        await agent.CallAsync(log, "test_hook_overwrite_block", CandidEncoder.Encode([CandidType.Nat, Icrc3Interface.Value], [CandidValue.Nat(1), Icrc3Codec.ToCandid(altered)]));

        var tampered = Icrc3ChainCheck.Problems(await client.ReadAllAsync(), tip);
        Assert.Contains(tampered, p => p.StartsWith("block 2: phash", StringComparison.Ordinal));
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

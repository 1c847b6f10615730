using System.Security.Cryptography;
using IcOperator.Agent.Bls;
using IcOperator.Agent.CyclesLedger;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>The agent's typed management canister and cycles ledger clients, as the operator uses them, against the emulator.</summary>
public sealed class TypedClientsTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private HttpAgent Agent() => new(new HttpAgentOptions
    {
        Url = fixture.Emulator.Url,
        Identity = fixture.Carol,
        RootKeySource = RootKeySource.Fetch,
        SignatureVerifier = Bls12381SignatureVerifier.Shared,
    });

    [Fact]
    public async Task A_provisional_create_sets_every_setting_it_is_given()
    {
        using var agent = Agent();
        var management = new ManagementCanister(agent);
        var id = await management.ProvisionalCreateCanisterWithCyclesAsync(50_000_000_000_000, new CanisterSettings
        {
            Controllers = [fixture.Carol.Sender, fixture.Alice.Sender],
            ComputeAllocation = 1,
            MemoryAllocation = 256L << 20,
            FreezingThreshold = 0,
            ReservedCyclesLimit = 1_000_000_000_000,
            WasmMemoryLimit = 1L << 30,
            LogVisibility = new LogVisibility.Public(),
        });

        var settings = (await management.CanisterStatusAsync(id)).Settings;
        settings.Controllers.Should().BeEquivalentTo([fixture.Carol.Sender, fixture.Alice.Sender]);
        settings.ComputeAllocation.Should().Be(1);
        settings.MemoryAllocation.Should().Be(256L << 20);
        settings.FreezingThreshold.Should().Be(0);
        settings.ReservedCyclesLimit.Should().Be(new System.Numerics.BigInteger(1_000_000_000_000));
        settings.WasmMemoryLimit.Should().Be(new System.Numerics.BigInteger(1L << 30));
        settings.LogVisibility.Should().BeOfType<LogVisibility.Public>();
    }

    [Fact]
    public async Task The_typed_management_client_deploys_upgrades_snapshots_and_rolls_back()
    {
        using var agent = Agent();
        var management = new ManagementCanister(agent);
        var id = await management.ProvisionalCreateCanisterWithCyclesAsync(5_000_000_000_000, new CanisterSettings { FreezingThreshold = 86_400 });
        await management.ProvisionalTopUpCanisterAsync(id, 1_000_000);
        await management.UpdateSettingsAsync(id, new CanisterSettings { Controllers = [fixture.Carol.Sender, fixture.Alice.Sender] });

        byte[] Version(string label, string health) => new TestModuleBuilder()
            .WithLabel(label)
            .WithInit(new LifecycleBehavior { State = new Dictionary<string, string> { ["data"] = $"(\"written by {label}\")" } })
            .WithQuery("health", health)
            .WithMethod("data", new MethodBehavior { Query = true, Load = "data" })
            .WithSizeAtLeast(1_200_000)
            .Build();
        var v1 = Version("1.0.0", "(variant { ok })");
        var hashes = new List<byte[]>();
        foreach (var chunk in v1.Chunk(1024 * 1024))
        {
            hashes.Add(await management.UploadChunkAsync(id, chunk.ToArray()));
        }

        (await management.StoredChunksAsync(id)).Should().HaveCount(2);
        await management.InstallChunkedCodeAsync(id, CanisterInstallMode.InstallMode, hashes, SHA256.HashData(v1), CandidEncoder.Encode([]));
        await management.ClearChunkStoreAsync(id);
        var status = await management.CanisterStatusAsync(id);
        status.ModuleHash.Should().Equal(SHA256.HashData(v1));
        status.Status.Should().Be(CanisterStatusKind.Running);
        status.Settings.Controllers.Should().BeEquivalentTo([fixture.Carol.Sender, fixture.Alice.Sender]);

        await management.StopCanisterAsync(id);
        var snapshot = await management.TakeCanisterSnapshotAsync(id);
        (await management.ListCanisterSnapshotsAsync(id)).Should().ContainSingle().Which.IdHex.Should().Be(snapshot.IdHex);
        var v2 = new TestModuleBuilder().WithLabel("2.0.0").WithQuery("health", "(variant { degraded })").Build();
        await management.InstallCodeAsync(id, CanisterInstallMode.UpgradeMode(), v2, CandidEncoder.Encode([]));
        await management.StartCanisterAsync(id);
        (await Replies(agent, id, "health", "(variant { degraded })")).Should().BeTrue();

        await management.StopCanisterAsync(id);
        await management.LoadCanisterSnapshotAsync(id, snapshot.Id);
        await management.StartCanisterAsync(id);
        (await Replies(agent, id, "health", "(variant { ok })")).Should().BeTrue();
        CandidDecoder.Decode(await agent.QueryAsync(id, "data", CandidEncoder.Encode([])), [CandidType.Text])[0].AsText().Should().Be("written by 1.0.0");
        await management.DeleteCanisterSnapshotAsync(id, snapshot.Id);
        (await management.FetchCanisterLogsAsync(id)).Should().BeEmpty();
        await management.UninstallCodeAsync(id);
        await management.StopCanisterAsync(id);
        await management.DeleteCanisterAsync(id);
        fixture.Emulator.GetCanister(id).Should().BeNull();
    }

    // A health check as the operator runs it: the reply compared with the expected Candid text.
    private static async Task<bool> Replies(HttpAgent agent, Principal canister, string method, string expected)
    {
        var reply = CandidDecoder.Decode(await agent.QueryAsync(canister, method, CandidEncoder.Encode([])));
        return CandidText.ParseArguments(expected, reply.Types).SequenceEqual(reply.Values);
    }

    [Fact]
    public async Task The_cycles_ledger_client_creates_once_and_withdraws()
    {
        using var agent = Agent();
        var ledger = new CyclesLedgerClient(agent, IcEmulator.CyclesLedgerId);
        fixture.Emulator.MintCycles(fixture.Carol.Sender, 3_000_000_000_000);
        var at = (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

        var created = await ledger.CreateCanisterAsync(1_000_000_000_000, at);
        var retried = await ledger.CreateCanisterAsync(1_000_000_000_000, at);
        await ledger.WithdrawAsync(created, 200_000_000_000, at + 1);

        retried.Should().Be(created, "the ledger answered Duplicate with the canister the first request created");
        fixture.Emulator.Counters.Calls("create_canister").Should().BeGreaterThanOrEqualTo(2);
        fixture.Emulator.GetCanister(created)!.Settings.Controllers.Should().Equal(fixture.Carol.Sender);
        (await ledger.BalanceAsync(fixture.Carol.Sender)).Should().Be(3_000_000_000_000 - 1_000_000_000_000 - 200_000_000_000 - (2 * 100_000_000));
    }
}

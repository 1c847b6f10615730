using System.Security.Cryptography;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Management;
using IcOperator.Agent.Transport;
using IcOperator.Candid;
using IcOperator.Emulators.Ic;
using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>The emulator's second subnet as an agent sees it: its own key by delegation, its own ranges, and no store across subnets.</summary>
public sealed class SecondSubnetTests : IAsyncLifetime, IDisposable
{
    private readonly Ed25519Identity identity = Ed25519Identity.Generate();
    private IcEmulator ic = null!;
    private HttpAgent agent = null!;

    public async Task InitializeAsync()
    {
        ic = await IcEmulator.StartAsync(new IcEmulatorOptions { SecondSubnet = true });
        agent = new HttpAgent(new HttpAgentOptions { Url = ic.Url, Identity = identity, RootKeySource = RootKeySource.Fetch, SignatureVerifier = Bls12381SignatureVerifier.Shared });
    }

    public async Task DisposeAsync() => await ic.DisposeAsync();

    public void Dispose()
    {
        agent?.Dispose();
        identity.Dispose();
    }

    [Fact]
    public async Task A_canister_created_in_the_second_subnets_range_is_certified_by_that_subnet_through_the_roots_delegation()
    {
        var second = ic.SecondSubnetId!;
        var ranges = await agent.ReadCanisterRangesOfSubnetAsync(second);
        var there = ranges.Ranges[0].Start;
        var first = await new ManagementCanister(agent).ProvisionalCreateCanisterWithCyclesAsync(null, null);
        var onSecond = await new ManagementCanister(agent, there).ProvisionalCreateCanisterWithCyclesAsync(null, null, there);

        second.Should().NotBe(ic.SubnetId);
        ranges.Contains(onSecond).Should().BeTrue();
        ranges.Contains(first).Should().BeFalse("the first subnet's canisters are outside the second's ranges");
        (await agent.ReadSubnetAsync(first)).Should().Be(ic.SubnetId, "no delegation: the root subnet");
        (await agent.ReadSubnetAsync(onSecond)).Should().Be(second, "the certificate carries the root's delegation to the second subnet");
        (await agent.ReadSubnetCanisterRangesAsync(first)).Contains(onSecond).Should().BeFalse();
        ic.SubnetOf(onSecond).Should().Be(second);
    }

    [Fact]
    public async Task install_chunked_code_refuses_a_store_canister_on_the_other_subnet()
    {
        var there = (await agent.ReadCanisterRangesOfSubnetAsync(ic.SecondSubnetId!)).Ranges[0].Start;
        var store = await new ManagementCanister(agent).ProvisionalCreateCanisterWithCyclesAsync(null, null);
        var secondStore = await new ManagementCanister(agent, there).ProvisionalCreateCanisterWithCyclesAsync(null, null, there);
        var target = await new ManagementCanister(agent, there).ProvisionalCreateCanisterWithCyclesAsync(null, null, Principal.FromCanisterIndex(0x2000001));
        var module = new TestModuleBuilder().WithQuery("get", "(\"x\")").Build();
        var management = new ManagementCanister(agent);
        var hash = await management.UploadChunkAsync(store, module);
        await management.UploadChunkAsync(secondStore, module);

        var across = () => management.InstallChunkedCodeAsync(target, CanisterInstallMode.InstallMode, [hash], SHA256.HashData(module), [], store);

        (await across.Should().ThrowAsync<IcRejectException>()).Which.RejectMessage.Should().Contain("must be on the same subnet");
        await management.InstallChunkedCodeAsync(target, CanisterInstallMode.InstallMode, [hash], SHA256.HashData(module), [], secondStore);
        ic.GetCanister(target)!.ModuleHash.Should().Equal(SHA256.HashData(module));
    }
}

using System.Security.Cryptography;
using System.Text;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Tests.Ic;

public sealed class InstallCodeTests
{
    private readonly ReplicaHarness ic = new();

    private string Get(IcOperator.Candid.Principal canister) =>
        Encoding.UTF8.GetString(ic.Runtime.Call(canister, "get", [], CallKind.Query));

    [Fact]
    public void Install_runs_init_and_reports_the_module_hash()
    {
        var canister = ic.Create();
        var module = TestModules.Counter();

        ic.Install(canister, module, "(\"first\")");

        var view = ic.View(canister);
        view.ModuleHash.Should().Equal(SHA256.HashData(module));
        Get(canister).Should().Be("(\"first\")");
        view.History.Last().Mode.Should().Be("install");
    }

    [Fact]
    public void Install_refuses_a_canister_that_has_a_module()
    {
        var canister = ic.Create();
        ic.Install(canister, TestModules.Counter(), "(\"first\")");

        var again = () => ic.Install(canister, TestModules.Counter("v2"), "(\"second\")");

        again.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterNonEmpty && e.Message.Contains("reinstall"));
        Get(canister).Should().Be("(\"first\")");
    }

    [Fact]
    public void Reinstall_wipes_the_state_and_upgrade_keeps_it()
    {
        var canister = ic.Create();
        ic.Install(canister, TestModules.Counter(), "(\"first\")");
        ic.Runtime.Call(canister, "set", TextCandidCodec.Bytes("(\"changed\")"), CallKind.Update);

        ic.Install(canister, TestModules.Counter("v2"), "(\"ignored by post_upgrade\")", InstallMode.Upgrade);
        Get(canister).Should().Be("(\"changed\")");

        ic.Install(canister, TestModules.Counter("v3"), "(\"fresh\")", InstallMode.Reinstall);
        Get(canister).Should().Be("(\"fresh\")");
    }

    [Fact]
    public void A_trap_in_post_upgrade_leaves_the_old_module_and_state()
    {
        var canister = ic.Create();
        var v1 = TestModules.Counter();
        ic.Install(canister, v1, "(\"kept\")");
        var broken = TestModules.Counter("v2", new LifecycleBehavior { Trap = "migration failed", State = new Dictionary<string, string> { ["value"] = "(\"lost\")" } });

        var upgrade = () => ic.Install(canister, broken, "()", InstallMode.Upgrade);

        upgrade.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterCalledTrap && e.Message.Contains("migration failed"));
        ic.View(canister).ModuleHash.Should().Equal(SHA256.HashData(v1));
        Get(canister).Should().Be("(\"kept\")");
    }

    [Fact]
    public void A_trap_in_pre_upgrade_blocks_the_upgrade_unless_skipped()
    {
        var canister = ic.Create();
        var v1 = new TestModuleBuilder().WithBehavior(new CanisterBehavior { PreUpgradeTrap = "cannot serialise" }).Build();
        ic.Install(canister, v1);
        var v2 = new TestModuleBuilder().WithLabel("v2").Build();

        var upgrade = () => ic.Install(canister, v2, "()", InstallMode.Upgrade);
        upgrade.Should().Throw<IcRejectException>().Where(e => e.Message.Contains("cannot serialise"));

        ic.Install(canister, v2, "()", InstallMode.Upgrade, new UpgradeOptions(SkipPreUpgrade: true));
        ic.View(canister).ModuleHash.Should().Equal(SHA256.HashData(v2));
    }

    [Fact]
    public void A_trap_in_init_leaves_the_canister_empty()
    {
        var canister = ic.Create();
        var module = new TestModuleBuilder().WithInit(new LifecycleBehavior { Trap = "bad config" }).Build();

        var install = () => ic.Install(canister, module);

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterCalledTrap);
        ic.View(canister).ModuleHash.Should().BeNull();
    }

    [Fact]
    public void The_init_argument_is_checked_against_the_declared_types()
    {
        var canister = ic.Create();

        var install = () => ic.Install(canister, TestModules.Counter(), "(42 : nat)");

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterCalledTrap && e.Message.Contains("init argument"));
    }

    [Fact]
    public void The_candid_args_section_types_the_init_argument_when_the_behaviour_does_not()
    {
        var canister = ic.Create();
        var module = new TestModuleBuilder().WithCandidArgs("(record { owner : principal })").Build();

        var wrong = () => ic.Install(canister, module, "(\"text\")");
        wrong.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterCalledTrap);

        ic.Install(canister, module, "(record { owner = principal \"aaaaa-aa\" })");
        ic.View(canister).ModuleHash.Should().NotBeNull();
    }

    [Fact]
    public void Upgrading_without_a_module_is_refused()
    {
        var canister = ic.Create();

        var upgrade = () => ic.Install(canister, TestModules.Counter(), "()", InstallMode.Upgrade);

        upgrade.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterWasmModuleNotFound);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 2, 0, 0, 0 })]
    [InlineData(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 9, 3 })]
    public void Invalid_wasm_is_refused_with_IC0505(byte[] module)
    {
        var canister = ic.Create();

        var install = () => ic.Install(canister, module);

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterInvalidWasm);
    }

    [Fact]
    public void A_behaviour_whose_reply_is_not_candid_is_invalid_wasm()
    {
        var canister = ic.Create();
        var module = new TestModuleBuilder().WithQuery("greet", "hello without parentheses").Build();

        var install = () => ic.Install(canister, module);

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterInvalidWasm && e.Message.Contains("greet"));
    }

    [Fact]
    public void A_gzipped_module_is_hashed_as_sent_and_read_decompressed()
    {
        var canister = ic.Create();
        var gz = new TestModuleBuilder().WithQuery("greet", "(\"hi\")").BuildGzip();

        ic.Install(canister, gz);

        ic.View(canister).ModuleHash.Should().Equal(SHA256.HashData(gz));
        Encoding.UTF8.GetString(ic.Runtime.Call(canister, "greet", [], CallKind.Query)).Should().Be("(\"hi\")");
    }

    [Fact]
    public void Enhanced_orthogonal_persistence_requires_the_wasm_memory_persistence_option()
    {
        var canister = ic.Create();
        ic.Install(canister, new TestModuleBuilder().WithEnhancedOrthogonalPersistence().Build());
        var next = new TestModuleBuilder().WithEnhancedOrthogonalPersistence().WithLabel("v2").Build();

        var bare = () => ic.Install(canister, next, "()", InstallMode.Upgrade);
        bare.Should().Throw<IcRejectException>().Where(e => e.Message.Contains("wasm_memory_persistence"));

        ic.Install(canister, next, "()", InstallMode.Upgrade, new UpgradeOptions(WasmMemoryPersistence: "keep"));
        ic.View(canister).ModuleHash.Should().Equal(SHA256.HashData(next));
    }

    [Fact]
    public void Methods_reply_trap_reject_and_respect_query_flags()
    {
        var canister = ic.Create();
        ic.Install(canister, TestModules.Counter(), "(\"v\")");

        Encoding.UTF8.GetString(ic.Runtime.Call(canister, "greet", [], CallKind.Update)).Should().Be("(\"hello\")");
        var setAsQuery = () => ic.Runtime.Call(canister, "set", [], CallKind.Query);
        setAsQuery.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterMethodNotFound && e.Message.Contains("no query method 'set'"));
        var missing = () => ic.Runtime.Call(canister, "nope", [], CallKind.Update);
        missing.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterMethodNotFound);
        var boom = () => ic.Runtime.Call(canister, "boom", [], CallKind.Update);
        boom.Should().Throw<IcRejectException>().Where(e => e.ErrorCode.ToWire() == "IC0503" && e.Message.Contains("boom went the canister"));
        var deny = () => ic.Runtime.Call(canister, "deny", [], CallKind.Update);
        deny.Should().Throw<IcRejectException>().Where(e => e.RejectCode == IcRejectCode.CanisterReject && e.Message == "not today");
    }

    [Fact]
    public void Stopped_and_empty_canisters_do_not_take_calls()
    {
        var empty = ic.Create();
        var call = () => ic.Runtime.Call(empty, "greet", [], CallKind.Query);
        call.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterWasmModuleNotFound);

        ic.Install(empty, TestModules.Counter(), "(\"v\")");
        ic.Management.StopCanister(ReplicaHarness.Alice, empty);
        call.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterStopped);
    }
}

using IcOperator.Agent.Icrc3;
using IcOperator.Agent.Wasm;
using IcOperator.Audit;
using IcOperator.Candid;
using IcOperator.Testing;
using IcOperator.Tests.Wasm;

namespace IcOperator.Tests.Audit;

public sealed class AuditLogModuleTests
{
    private static readonly string CanisterDir = Path.Combine(TestPaths.RepoRoot, "src", "IcOperator", "Audit", "LogCanister");

    [Fact]
    public void Embedded_module_is_the_committed_one_with_the_committed_sha256()
    {
        var committed = CommittedModule.Read(CanisterDir, "audit-log.wasm");

        Assert.Equal(committed.Wasm, AuditLogModule.Wasm);
        Assert.Equal(committed.Sha256Hex, AuditLogModule.Sha256Hex);
    }

    [Fact]
    public void Module_serves_the_ICRC3_interface_with_the_standard_types()
    {
        var module = WasmModule.Parse(AuditLogModule.Wasm);
        var service = DidFile.Parse(module.CandidService!).Service!;

        Assert.Empty(ServiceCompatibility.Check(Icrc3Interface.Service, service));
        Assert.Contains(service.Methods, m => m.Name == "append");
        Assert.Contains(service.Methods, m => m.Name == "test_hook_overwrite_block");
    }

    [Fact]
    public void Init_argument_names_the_writer_and_leaves_test_hooks_off_by_default()
    {
        var writer = Principal.Parse("2vxsx-fae");

        var value = CandidDecoder.DecodeOne(AuditLogModule.InitArgument(writer), AuditLogModule.InitArgs);

        Assert.Equal(writer, value["writer"].AsPrincipal());
        Assert.Null(value["enable_test_hooks"].AsOption());
    }

    [RequiresToolFact("node", "motoko")]
    public async Task Recompiling_AuditLog_mo_gives_the_committed_module()
    {
        var check = await ToolRun.RunAsync(PeerTools.Node!, [Path.Combine(CanisterDir, "build.js"), "--check"], timeout: TimeSpan.FromMinutes(15));

        check.ShouldSucceed();
        Assert.Contains(AuditLogModule.Sha256Hex, check.Stdout);
    }
}

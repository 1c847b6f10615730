using System.IO.Compression;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Tests.Ic.Wasm;

/// <summary>Modules that loop, grow or are not modules at all: each refused or trapped with the IC's error, the emulator keeps serving.</summary>
public sealed class HostileModuleTests(LowInstructionLimitReplica ic) : IClassFixture<LowInstructionLimitReplica>
{
    // The replica refuses modules above 100 MiB, compressed or not.
    private const int WasmModuleLimit = 100 * 1024 * 1024;

    [Fact]
    public void An_infinite_loop_in_init_hits_the_instruction_limit_and_installs_nothing()
    {
        var canister = ic.Create();

        var install = () => ic.Locked(m =>
        {
            m.InstallCode(WasmReplica.Alice, new InstallCodeRequest(canister, InstallMode.Install, null, WatModules.Probe, "L"u8.ToArray()));
            return 0;
        });

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterInstructionLimitExceeded
            && e.Message == $"Error from Canister {canister}: Canister exceeded the limit of {LowInstructionLimitReplica.Limits.Install} instructions for single message execution.");
        ic.View(canister).ModuleHash.Should().BeNull();
        StillServes();
    }

    [Fact]
    public void An_infinite_loop_in_an_update_or_a_query_is_stopped_and_changes_nothing()
    {
        var probe = ic.Deploy(WatModules.Probe);
        ic.Call(probe, "inc", []).IsReply.Should().BeTrue();

        var update = ic.Call(probe, "loop", []);
        var query = ic.Call(probe, "loop_query", [], CallKind.Query);

        update.ErrorCode.Should().Be(IcErrorCode.CanisterInstructionLimitExceeded);
        update.RejectMessage.Should().Contain($"limit of {LowInstructionLimitReplica.Limits.Update} instructions");
        query.ErrorCode.Should().Be(IcErrorCode.CanisterInstructionLimitExceeded);
        ic.Call(probe, "inc", []).Reply.Should().Equal(BitConverter.GetBytes(2L));
        StillServes();
    }

    [Fact]
    public void Memory_growth_past_the_limit_fails_and_the_module_traps()
    {
        var probe = ic.Deploy(WatModules.Probe);

        // 70,000 pages are 4.3 GiB: more than the default wasm_memory_limit of 3 GiB, so memory.grow answers -1.
        var grow = ic.Call(probe, "grow", BitConverter.GetBytes(70_000));

        grow.ErrorCode.Should().Be(IcErrorCode.CanisterTrapped);
        grow.RejectMessage.Should().Be($"Error from Canister {probe}: Canister trapped: unreachable.");
        ic.View(probe).MemoryMetrics.WasmMemorySize.Should().Be(65536);
        ic.Call(probe, "grow", BitConverter.GetBytes(1)).IsReply.Should().BeTrue();
        StillServes();
    }

    [Fact]
    public void A_blob_that_is_not_Wasm_is_refused()
    {
        var canister = ic.Create();

        var install = ic.Installing(canister, "#!/bin/sh\necho not a module\n"u8.ToArray());

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterInvalidWasm
            && e.Message.Contains("Wasm module has an invalid format: expected the magic bytes 00 61 73 6d", StringComparison.Ordinal));
        StillServes();
    }

    [Fact]
    public void A_module_that_decompresses_past_the_size_limit_is_refused()
    {
        var canister = ic.Create();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(WatModules.Probe);
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 101; i++)
            {
                gzip.Write(zeros);
            }
        }

        var install = ic.Installing(canister, compressed.ToArray());

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterInvalidWasm
            && e.Message.Contains("Wasm module is too large", StringComparison.Ordinal));
        StillServes();
    }

    [Fact]
    public void A_plain_module_over_the_size_limit_is_refused()
    {
        var canister = ic.Create();
        // A valid module padded with a custom section to just over 100 MiB (as install_chunked_code could assemble it).
        var module = new TestModuleBuilder().WithSizeAtLeast(WasmModuleLimit + 1).Build();

        var install = ic.Installing(canister, module);

        module.Length.Should().BeGreaterThan(WasmModuleLimit);
        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterInvalidWasm
            && e.Message.Contains("Wasm module is too large", StringComparison.Ordinal));
        ic.View(canister).ModuleHash.Should().BeNull();
        StillServes();
    }

    [Fact]
    public void An_unknown_import_is_refused_at_install_and_the_emulator_keeps_serving()
    {
        var canister = ic.Create();

        var install = ic.Installing(canister, WatModules.UnknownImport);

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterInvalidWasm
            && e.Message.Contains("Module imports function 'launch_rockets' from 'ic0' that is not exported by the runtime.", StringComparison.Ordinal));
        ic.View(canister).ModuleHash.Should().BeNull();
        StillServes();
    }

    private void StillServes()
    {
        var hello = ic.Deploy(SampleCanisters.Hello);
        ic.Text(hello, "increment").Should().Be("(1)");
    }
}

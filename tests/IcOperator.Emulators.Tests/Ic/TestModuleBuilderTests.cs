using System.Diagnostics;
using System.Text;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Testing;

namespace IcOperator.Emulators.Tests.Ic;

public sealed class TestModuleBuilderTests
{
    [Fact]
    public void A_built_module_reads_back_with_its_sections_and_behaviour()
    {
        var bytes = new TestModuleBuilder()
            .WithQuery("health", "(variant { ok })")
            .WithCandidService("service : { health : () -> (variant { ok; degraded }) query }")
            .WithCandidArgs("()")
            .WithEnhancedOrthogonalPersistence()
            .Build();

        var module = WasmModule.Parse(bytes);

        bytes.AsSpan(0, 8).ToArray().Should().Equal(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
        module.CustomSections.Select(s => s.Name).Should().Equal(
            "icp:public emulator:behavior", "icp:public candid:service", "icp:public candid:args", "icp:private enhanced-orthogonal-persistence");
        Encoding.UTF8.GetString(module.Metadata("candid:args")!.Content).Should().Be("()");
        module.Metadata("enhanced-orthogonal-persistence")!.IsPublic.Should().BeFalse();
        var behavior = CanisterBehavior.Parse(Encoding.UTF8.GetString(module.Metadata("emulator:behavior")!.Content));
        behavior.Methods["health"].Should().Be(new MethodBehavior { Query = true, Reply = "(variant { ok })" });
    }

    [Fact]
    public void Declared_system_imports_are_what_the_module_reader_finds_and_the_emulator_still_runs_it()
    {
        var calling = new TestModuleBuilder().WithQuery("health", "(variant { ok })").WithSystemImports("msg_reply", "call_new", "call_perform").Build();
        var quiet = new TestModuleBuilder().WithQuery("health", "(variant { ok })").WithSystemImports("msg_reply").Build();

        var read = Agent.Wasm.WasmModule.Parse(calling);
        read.Imports.Select(i => $"{i.Module}.{i.Name}").Should().Equal("ic0.msg_reply", "ic0.call_new", "ic0.call_perform");
        read.CanMakeCalls.Should().BeTrue();
        Agent.Wasm.WasmModule.Parse(quiet).CanMakeCalls.Should().BeFalse("it imports no call API");
        Agent.Wasm.WasmModule.Parse(new TestModuleBuilder().Build()).Imports.Should().BeEmpty();
        Agent.Wasm.WasmModule.Parse(SampleCanisters.Hello).CanMakeCalls.Should().BeTrue("the Motoko runtime imports the call API");
        WasmModule.Parse(calling).Metadata("emulator:behavior").Should().NotBeNull("the emulator runs the behaviour of a module with imports");
    }

    [Fact]
    public void Padding_makes_a_module_at_least_the_asked_size()
    {
        var bytes = new TestModuleBuilder().WithSizeAtLeast(3 * 1024 * 1024).Build();

        bytes.Length.Should().BeGreaterThanOrEqualTo(3 * 1024 * 1024).And.BeLessThan((3 * 1024 * 1024) + 64);
        WasmModule.Parse(bytes).CustomSections.Should().Contain(s => s.Name == "emulator:padding");
    }

    [Fact]
    public void Unknown_behaviour_fields_are_refused_so_typos_surface()
    {
        var parse = () => CanisterBehavior.Parse("{\"methods\":{\"m\":{\"replly\":\"()\"}}}");

        parse.Should().Throw<FormatException>().WithMessage("*replly*");
    }

    [RequiresToolFact("ic-wasm")]
    public void Ic_wasm_lists_and_reads_the_sections_and_adds_its_own()
    {
        var dir = Directory.CreateTempSubdirectory("icemu-wasm");
        try
        {
            var input = Path.Combine(dir.FullName, "in.wasm");
            var output = Path.Combine(dir.FullName, "out.wasm");
            File.WriteAllBytes(input, new TestModuleBuilder().WithQuery("greet", "(\"hi\")").WithCandidArgs("(text)").Build());

            var listed = IcWasm(input, "metadata");
            IcWasm(input, "-o", output, "metadata", "candid:service", "-d", "service : {}", "-v", "public");
            var added = WasmModule.Parse(File.ReadAllBytes(output));

            listed.Should().Contain("icp:public emulator:behavior").And.Contain("icp:public candid:args");
            IcWasm(input, "metadata", "candid:args").Trim().Should().Be("(text)");
            Encoding.UTF8.GetString(added.Metadata("candid:service")!.Content).Should().Be("service : {}");
            added.Metadata("emulator:behavior").Should().NotBeNull();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string IcWasm(params string[] args)
    {
        var start = new ProcessStartInfo(PeerTools.IcWasm!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, stderr);
        return stdout;
    }
}

using System.Diagnostics;
using System.Text;
using IcOperator.Agent.Wasm;
using IcOperator.Testing;

namespace IcOperator.Agent.Tests.Wasm;

/// <summary>Our reader against ic-wasm, the tool that writes canister metadata: same names, visibilities and contents.</summary>
public class IcWasmAgreementTests
{
    [RequiresToolFact("ic-wasm")]
    public void Reader_agrees_with_ic_wasm_on_modules_ic_wasm_wrote_metadata_into()
    {
        var directory = Directory.CreateTempSubdirectory("icwasm-");
        try
        {
            var path = Path.Combine(directory.FullName, "m0.wasm");
            File.WriteAllBytes(path, TestModules.Minimal);
            var steps = new (string Name, string Content, string Visibility)[]
            {
                ("candid:service", "service : { greet : (text) -> (text) query }", "public"),
                ("candid:args", "(record { owner : principal })", "public"),
                ("cdk:name", "basilisk", "public"),
                ("secret", "only controllers", "private"),
                ("dfx", """{"pullable":{"wasm_url":"https://example.org/a.wasm","dependencies":[],"init_guide":"x"}}""", "public"),
                ("motoko:stable-types", "// Version: 1.0.0\nactor {\n  stable var n : Nat\n};\n", "private"),
                ("candid:service", "service : { greet : (text) -> (text) query; bump : () -> () }", "public"),
                ("unicode", "naïve ✓ 😀", "public"),
            };
            for (var i = 0; i < steps.Length; i++)
            {
                var next = Path.Combine(directory.FullName, $"m{i + 1}.wasm");
                Run(path, "-o", next, "metadata", steps[i].Name, "-d", steps[i].Content, "-v", steps[i].Visibility);
                path = next;

                var module = WasmModule.Parse(File.ReadAllBytes(path));
                var listed = Run(path, "metadata").Split('\n', StringSplitOptions.RemoveEmptyEntries);
                module.Metadata.Select(m => $"icp:{m.Visibility.ToString().ToLowerInvariant()} {m.Name}").Should().Equal(listed);
                foreach (var entry in module.Metadata)
                {
                    // ic-wasm prints the content followed by a newline.
                    (entry.Text + "\n").Should().Be(Run(path, "metadata", entry.Name), entry.Name);
                }

                WasmModule.Parse(TestModules.Gzip(File.ReadAllBytes(path))).Metadata.Select(m => m.Text).Should().Equal(module.Metadata.Select(m => m.Text));
            }

            var last = WasmModule.Parse(File.ReadAllBytes(path));
            last.CandidService.Should().Contain("bump");
            last.FindMetadata("secret")!.Visibility.Should().Be(MetadataVisibility.Private);
            last.Metadata.Should().HaveCount(7, "ic-wasm replaced candid:service rather than adding a second one");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(PeerTools.IcWasm!) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, error);
        return output;
    }
}

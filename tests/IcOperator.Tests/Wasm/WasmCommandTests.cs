using System.Security.Cryptography;
using System.Text.Json;
using IcOperator.Cli;

namespace IcOperator.Tests.Wasm;

public sealed class WasmCommandTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("wasm-inspect-");

    public void Dispose() => directory.Delete(recursive: true);

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = OperatorCli.Build().Parse(args);
        parse.InvocationConfiguration.Output = output;
        parse.InvocationConfiguration.Error = error;
        var exit = await parse.InvokeAsync();
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Inspect_prints_hash_size_chunks_and_metadata()
    {
        var bytes = new TestWasm().Public("candid:service", "service : {}").Padded(1_200_000).BuildGzip();
        var path = Path.Combine(directory.FullName, "m.wasm.gz");
        File.WriteAllBytes(path, bytes);
        var (exit, output, _) = await Run("wasm", "inspect", path);
        exit.Should().Be(0);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        root.GetProperty("size").GetInt64().Should().Be(bytes.Length);
        root.GetProperty("gzip").GetBoolean().Should().BeTrue();
        root.GetProperty("chunkHashes").GetArrayLength().Should().Be(1, "1.2 MB of zeros compress to well under a chunk");
        root.GetProperty("metadata").GetProperty("candidService").GetString().Should().Be("service : {}");
        root.GetProperty("phase").GetString().Should().Be("Verified");
    }

    [Fact]
    public async Task Inspect_of_bytes_that_are_not_wasm_fails_with_the_reason()
    {
        var path = Path.Combine(directory.FullName, "notes.txt");
        File.WriteAllText(path, "hello");
        var (exit, _, error) = await Run("wasm", "inspect", path);
        exit.Should().Be(1);
        error.Should().Contain("NotWasm").And.Contain("68656c6c");
    }
}

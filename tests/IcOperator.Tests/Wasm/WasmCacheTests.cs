using System.Security.Cryptography;
using IcOperator.Wasm;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Tests.Wasm;

public sealed class WasmCacheTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("wasm-cache-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void Stored_modules_are_found_by_their_hash()
    {
        var cache = new WasmCache(directory.FullName, NullLogger<WasmCache>.Instance);
        var bytes = new TestWasm().Build();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        cache.TryGet(sha).Should().BeNull();
        cache.Put(sha, bytes);
        cache.TryGet(sha).Should().Equal(bytes);
        Directory.GetFiles(directory.FullName).Select(Path.GetFileName).Should().Equal(sha + ".wasm");
    }

    [Fact]
    public void A_corrupt_entry_is_a_miss_and_is_removed()
    {
        var cache = new WasmCache(directory.FullName, NullLogger<WasmCache>.Instance);
        var bytes = new TestWasm().Build();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        cache.Put(sha, bytes);
        File.WriteAllBytes(Path.Combine(directory.FullName, sha + ".wasm"), [1, 2, 3]);
        cache.TryGet(sha).Should().BeNull();
        File.Exists(Path.Combine(directory.FullName, sha + ".wasm")).Should().BeFalse();
    }

    [Fact]
    public void A_file_removed_just_before_it_is_read_is_a_miss()
    {
        var bytes = new TestWasm().Build();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // As a concurrent reader that found the file corrupt would remove it, after this reader chose to read it.
        var cache = new WasmCache(directory.FullName, NullLogger<WasmCache>.Instance) { BeforeRead = File.Delete };
        cache.Put(sha, bytes);

        cache.TryGet(sha).Should().BeNull();
    }

    [Fact]
    public void A_cache_directory_removed_just_before_a_read_is_a_miss()
    {
        var bytes = new TestWasm().Build();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var cache = new WasmCache(directory.FullName, NullLogger<WasmCache>.Instance) { BeforeRead = path => Directory.Delete(Path.GetDirectoryName(path)!, recursive: true) };
        cache.Put(sha, bytes);

        cache.TryGet(sha).Should().BeNull();
        Directory.CreateDirectory(directory.FullName);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0000000000000000000000000000000000000000000000000000000000")]
    public void Names_that_are_not_hashes_are_refused(string name)
    {
        var cache = new WasmCache(directory.FullName, NullLogger<WasmCache>.Instance);
        var act = () => cache.TryGet(name);
        act.Should().Throw<ArgumentException>().WithMessage("*SHA-256*");
    }
}

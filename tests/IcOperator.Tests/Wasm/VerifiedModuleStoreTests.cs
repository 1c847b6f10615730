using System.Security.Cryptography;
using IcOperator.Api.V1Alpha1;
using IcOperator.Wasm;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Tests.Wasm;

public sealed class VerifiedModuleStoreTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("wasm-store-");

    public void Dispose() => directory.Delete(recursive: true);

    private (VerifiedModuleStore Store, StubHttpHandler Http) Store(byte[] served)
    {
        var http = StubHttpHandler.Serving(served);
        var fetcher = new WasmFetcher(new HttpClient(http), new InMemoryConfigMaps(), new WasmFetchOptions());
        return (new VerifiedModuleStore(fetcher, new WasmCache(directory.FullName, NullLogger<WasmCache>.Instance), NullLogger<VerifiedModuleStore>.Instance), http);
    }

    private static WasmVersion Version(string sha) => new() { Version = "1.0.0", Sha256 = sha, Source = new WasmSource { Url = "https://example.org/m.wasm" } };

    [Fact]
    public async Task A_verified_module_is_fetched_once_and_then_served_from_the_cache()
    {
        var bytes = new TestWasm().Public("cdk:name", "rust").Build();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var (store, http) = Store(bytes);
        (await store.GetAsync("ns", "app", Version(sha), default)).Sha256.Should().Be(sha);
        (await store.GetAsync("ns", "app", Version(sha), default)).Section("cdk:name")!.Text.Should().Be("rust");
        http.Requests.Should().Be(1);
    }

    [Fact]
    public async Task A_module_only_verified_is_cached_on_disk_and_not_kept_in_memory_and_one_kept_is_shared()
    {
        var bytes = new TestWasm().Public("cdk:name", "rust").Build();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var (store, http) = Store(bytes);

        var verified = await store.VerifyAsync("ns", "app", Version(sha), default);
        var used = await store.GetAsync("ns", "app", Version(sha), default);

        verified.Sha256.Should().Be(sha);
        used.Should().NotBeSameAs(verified, "the verified module was not kept: the deployment's use read it again");
        http.Requests.Should().Be(1, "from the disk cache, not the network");
        (await store.VerifyAsync("ns", "app", Version(sha), default)).Should().BeSameAs(used, "a module kept for deployments is shared");
    }

    [Fact]
    public async Task A_hash_mismatch_is_terminal_and_nothing_is_cached()
    {
        var bytes = new TestWasm().Build();
        var wrong = new string('0', 64);
        var (store, _) = Store(bytes);
        var act = () => store.GetAsync("ns", "app", Version(wrong), default);
        var error = (await act.Should().ThrowAsync<WasmException>()).Which;
        error.Reason.Should().Be(WasmTemplateReasons.HashMismatch);
        error.Terminal.Should().BeTrue();
        error.Message.Should().Contain(wrong).And.Contain(Convert.ToHexStringLower(SHA256.HashData(bytes))).And.Contain("ns/app");
        Directory.GetFiles(directory.FullName).Should().BeEmpty();
    }

    [Fact]
    public async Task Matching_bytes_that_are_not_wasm_are_refused()
    {
        byte[] bytes = [1, 2, 3, 4, 5, 6, 7, 8];
        var (store, _) = Store(bytes);
        var act = () => store.GetAsync("ns", "app", Version(Convert.ToHexStringLower(SHA256.HashData(bytes))), default);
        (await act.Should().ThrowAsync<WasmException>()).Which.Reason.Should().Be(WasmTemplateReasons.NotWasm);
    }

    [Fact]
    public async Task A_cache_miss_after_corruption_fetches_again()
    {
        var bytes = new TestWasm().Build();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var (store, http) = Store(bytes);
        await store.GetAsync("ns", "app", Version(sha), default);
        File.WriteAllBytes(Path.Combine(directory.FullName, sha + ".wasm"), [0]);

        // The running store keeps the verified module in memory; a restarted one reads the corrupt file, refuses it and fetches again.
        (await (await store.GetAsync("ns", "app", Version(sha), default)).ReadBytesAsync(default)).Should().Equal(bytes);
        http.Requests.Should().Be(1);
        var (restarted, refetch) = Store(bytes);
        (await (await restarted.GetAsync("ns", "app", Version(sha), default)).ReadBytesAsync(default)).Should().Equal(bytes);
        refetch.Requests.Should().Be(1);
    }

    [Fact]
    public async Task A_kept_small_module_keeps_its_bytes_for_an_inline_install()
    {
        var bytes = new TestWasm().Public("cdk:name", "rust").Build();
        var (store, _) = Store(bytes);

        var module = await store.GetAsync("ns", "app", Version(Convert.ToHexStringLower(SHA256.HashData(bytes))), default);

        module.ChunkHashes.Should().ContainSingle();
        module.HoldsBytes.Should().BeTrue();
    }

    [Fact]
    public async Task A_kept_large_module_holds_no_bytes_but_what_installs_need_and_reads_them_back_verified()
    {
        var bytes = new TestWasm().Public("candid:service", "service : {}").Padded((int)(2.5 * 1024 * 1024)).Build();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var (store, http) = Store(bytes);

        var module = await store.GetAsync("ns", "app", Version(sha), default);

        module.HoldsBytes.Should().BeFalse();
        module.Sha256.Should().Be(sha);
        module.Size.Should().Be(bytes.Length);
        module.ChunkHashes.Should().Equal(WasmModule.Parse(bytes).ChunkHashes);
        module.Section("candid:service")!.Text.Should().Be("service : {}");
        module.CustomSections.Where(s => s.Content.Length > 1024 * 1024).Should().BeEmpty("padding is not kept, only its size");
        WasmMetadataReader.Read(module).Sections.Should().Equal(WasmMetadataReader.Read(WasmModule.Parse(bytes)).Sections);
        var chunks = await module.ChunksAsync(default);
        chunks.SelectMany(c => c.Content.ToArray()).Should().Equal(bytes);
        http.Requests.Should().Be(1, "the bytes came back from the cache");
    }

    [Fact]
    public async Task A_large_module_whose_cache_file_changed_is_fetched_again_and_verified_before_an_upload()
    {
        var bytes = new TestWasm().Padded((int)(1.5 * 1024 * 1024)).Build();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var (store, http) = Store(bytes);
        var module = await store.GetAsync("ns", "app", Version(sha), default);
        var file = Path.Combine(directory.FullName, sha + ".wasm");
        var changed = bytes.ToArray();
        changed[^1] ^= 0xff;
        File.WriteAllBytes(file, changed);

        (await module.ReadBytesAsync(default)).Should().Equal(bytes);

        http.Requests.Should().Be(2, "the changed file was refused and the module fetched again");
        File.ReadAllBytes(file).Should().Equal(bytes, "the verified bytes replaced the changed file");
    }

    [Fact]
    public async Task A_large_module_whose_source_changed_too_is_never_returned_and_the_error_names_the_version()
    {
        var bytes = new TestWasm().Padded((int)(1.5 * 1024 * 1024)).Build();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var changed = bytes.ToArray();
        changed[^1] ^= 0xff;
        var fetcher = new WasmFetcher(new HttpClient(StubHttpHandler.Serving(changed)), new InMemoryConfigMaps(), new WasmFetchOptions());
        var cache = new WasmCache(directory.FullName, NullLogger<WasmCache>.Instance);
        cache.Put(sha, bytes);
        var store = new VerifiedModuleStore(fetcher, cache, NullLogger<VerifiedModuleStore>.Instance);
        var module = await store.GetAsync("ns", "app", Version(sha), default);
        File.Delete(Path.Combine(directory.FullName, sha + ".wasm"));

        var read = () => module.ReadBytesAsync(default);

        var error = (await read.Should().ThrowAsync<WasmException>()).Which;
        error.Reason.Should().Be(WasmTemplateReasons.HashMismatch);
        error.Message.Should().Contain("ns/app version 1.0.0").And.Contain(sha);
        Directory.GetFiles(directory.FullName).Should().BeEmpty("nothing unverified is cached");
    }
}

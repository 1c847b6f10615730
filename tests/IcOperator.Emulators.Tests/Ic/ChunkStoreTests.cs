using System.Security.Cryptography;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Ic.Rejects;

namespace IcOperator.Emulators.Tests.Ic;

public sealed class ChunkStoreTests
{
    private const int MiB = 1024 * 1024;
    private readonly ReplicaHarness ic = new();

    [Fact]
    public void A_module_over_two_mebibytes_installs_from_its_chunks()
    {
        var canister = ic.Create();
        var module = new TestModuleBuilder().WithQuery("greet", "(\"big\")").WithSizeAtLeast((2 * MiB) + 12345).Build();
        var chunks = module.Chunk(MiB).Select(c => c.ToArray()).ToArray();

        var hashes = chunks.Select(c => ic.Management.UploadChunk(ReplicaHarness.Alice, canister, c)).ToArray();
        ic.Management.InstallChunkedCode(ReplicaHarness.Alice, InstallMode.Install, null, canister, null, hashes, SHA256.HashData(module), TextCandidCodec.Bytes("()"));

        module.Length.Should().BeGreaterThan(2 * MiB);
        chunks.Should().HaveCount(3);
        ic.View(canister).ModuleHash.Should().Equal(SHA256.HashData(module));
        ic.Management.StoredChunks(ReplicaHarness.Alice, canister).Should().BeEquivalentTo(hashes);
        ic.Counters.ChunkBytesReceived.Should().Be(module.Length);
        ic.Counters.ModuleBytesReceived.Should().Be(0, "the module was assembled from the store, not sent whole");
    }

    [Fact]
    public void Wasm_bytes_received_are_the_chunks_uploaded_and_the_modules_sent_whole()
    {
        var chunked = ic.Create();
        var whole = ic.Create();
        var big = new TestModuleBuilder().WithSizeAtLeast(MiB + 1).Build();
        var small = new TestModuleBuilder().WithQuery("greet", "(\"small\")").Build();

        var hashes = big.Chunk(MiB).Select(c => ic.Management.UploadChunk(ReplicaHarness.Alice, chunked, c.ToArray())).ToArray();
        ic.Management.InstallChunkedCode(ReplicaHarness.Alice, InstallMode.Install, null, chunked, null, hashes, SHA256.HashData(big), TextCandidCodec.Bytes("()"));
        ic.Management.InstallCode(ReplicaHarness.Alice, new InstallCodeRequest(whole, InstallMode.Install, null, small, TextCandidCodec.Bytes("()")));

        ic.Counters.ChunkBytesReceived.Should().Be(big.Length);
        ic.Counters.ModuleBytesReceived.Should().Be(small.Length);
        ic.Counters.WasmBytesReceived.Should().Be(big.Length + small.Length);
    }

    [Fact]
    public void Canisters_installed_from_one_store_share_one_read_of_the_module_while_the_store_holds_its_chunks()
    {
        var store = ic.Create();
        var module = new TestModuleBuilder().WithQuery("greet", "(\"shared\")").WithSizeAtLeast(MiB + 4321).Build();
        var hashes = module.Chunk(MiB).Select(c => ic.Management.UploadChunk(ReplicaHarness.Alice, store, c.ToArray())).ToArray();
        var canisters = Enumerable.Range(0, 3).Select(_ => ic.Create()).ToList();

        foreach (var canister in canisters.Take(2))
        {
            ic.Management.InstallChunkedCode(ReplicaHarness.Alice, InstallMode.Install, null, canister, store, hashes, SHA256.HashData(module), TextCandidCodec.Bytes("()"));
        }

        // The same module sent whole (a copy of its bytes) is the same module too.
        ic.Install(canisters[2], module.ToArray());

        var read = canisters.Select(c => ic.State.Get(c).Module!.Module).ToList();
        read.Should().AllSatisfy(m => m.Should().BeSameAs(read[0]));
        canisters.Should().AllSatisfy(c => ic.View(c).ModuleHash.Should().Equal(SHA256.HashData(module)));

        ic.Management.ClearChunkStore(ReplicaHarness.Alice, store);
        var late = ic.Create();
        var install = () => ic.Management.InstallChunkedCode(ReplicaHarness.Alice, InstallMode.Install, null, late, store, hashes, SHA256.HashData(module), []);
        install.Should().Throw<IcRejectException>().WithMessage("*not in the chunk store*", "a module read before does not stand in for chunks the store no longer holds");
    }

    [Fact]
    public void The_module_hash_must_match_the_joined_chunks()
    {
        var canister = ic.Create();
        var module = new TestModuleBuilder().Build();
        var hash = ic.Management.UploadChunk(ReplicaHarness.Alice, canister, module);

        var install = () => ic.Management.InstallChunkedCode(ReplicaHarness.Alice, InstallMode.Install, null, canister, null, [hash], new byte[32], []);

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterContractViolation && e.Message.Contains("does not match"));
    }

    [Fact]
    public void Missing_chunks_are_named()
    {
        var canister = ic.Create();
        var missing = SHA256.HashData([9]);

        var install = () => ic.Management.InstallChunkedCode(ReplicaHarness.Alice, InstallMode.Install, null, canister, null, [missing], missing, []);

        install.Should().Throw<IcRejectException>().WithMessage($"*{Convert.ToHexStringLower(missing)}*not in the chunk store*");
    }

    [Fact]
    public void Chunks_are_at_most_one_mebibyte()
    {
        var canister = ic.Create();

        var upload = () => ic.Management.UploadChunk(ReplicaHarness.Alice, canister, new byte[MiB + 1]);

        upload.Should().Throw<IcRejectException>().WithMessage("*1048577*1048576*");
    }

    [Fact]
    public void The_store_holds_a_hundred_distinct_chunks_until_cleared()
    {
        var canister = ic.Create();
        for (var i = 0; i < 100; i++)
        {
            ic.Management.UploadChunk(ReplicaHarness.Alice, canister, BitConverter.GetBytes(i));
        }

        ic.Management.UploadChunk(ReplicaHarness.Alice, canister, BitConverter.GetBytes(7));
        var full = () => ic.Management.UploadChunk(ReplicaHarness.Alice, canister, BitConverter.GetBytes(100));
        full.Should().Throw<IcRejectException>().WithMessage("*full*100*");

        ic.Management.ClearChunkStore(ReplicaHarness.Alice, canister);
        ic.Management.StoredChunks(ReplicaHarness.Alice, canister).Should().BeEmpty();
        ic.Management.UploadChunk(ReplicaHarness.Alice, canister, BitConverter.GetBytes(100));
    }

    [Fact]
    public void A_store_canister_must_be_controlled_by_the_caller()
    {
        var target = ic.Create();
        var foreignStore = ic.Create(ReplicaHarness.Bob);
        var module = new TestModuleBuilder().Build();
        var hash = ic.Management.UploadChunk(ReplicaHarness.Bob, foreignStore, module);

        var install = () => ic.Management.InstallChunkedCode(ReplicaHarness.Alice, InstallMode.Install, null, target, foreignStore, [hash], SHA256.HashData(module), []);

        install.Should().Throw<IcRejectException>().Where(e => e.ErrorCode == IcErrorCode.CanisterInvalidController);
    }

    [Fact]
    public void A_store_canister_controlled_by_the_caller_serves_the_chunks()
    {
        var target = ic.Create();
        var store = ic.Create();
        var module = new TestModuleBuilder().WithLabel("from store").Build();
        var hash = ic.Management.UploadChunk(ReplicaHarness.Alice, store, module);

        ic.Management.InstallChunkedCode(ReplicaHarness.Alice, InstallMode.Install, null, target, store, [hash], SHA256.HashData(module), TextCandidCodec.Bytes("()"));

        ic.View(target).ModuleHash.Should().Equal(SHA256.HashData(module));
    }
}

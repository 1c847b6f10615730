using System.Security.Cryptography;
using IcOperator.Agent.Management;
using IcOperator.Agent.Tests.Support;
using IcOperator.Agent.Tests.Wasm;
using IcOperator.Agent.Wasm;
using IcOperator.Candid;
using IcOperator.Testing;

namespace IcOperator.Agent.Tests.Management;

public class ChunkedInstallerTests
{
    private static readonly DidFile Current = DidFile.Parse(File.ReadAllText(TestPaths.Vectors("ic-spec", "ic.cdk-rs-2026-03.did")));
    private static readonly Principal Store = Principal.Parse("ryjl3-tyaaa-aaaaa-aaaba-cai");
    private static readonly Principal Target = Principal.Parse("rrkah-fqaaa-aaaaa-aaaaq-cai");

    private readonly RecordingAgent agent = new();

    private static IReadOnlyList<WasmChunk> FourChunks() =>
        WasmModule.Parse(TestModules.With(("icp:public filler", RandomNumberGenerator.GetBytes(3_500_000)))).Chunks();

    private void StoreAnswers(Func<byte[], byte[]> hashOf) =>
        agent.Replies["upload_chunk"] = arg =>
        {
            var chunk = CandidDecoder.Decode(arg, Current.GetMethod("upload_chunk").Arguments)[0]["chunk"].AsBytes();
            return CandidText.EncodeArguments($"(record {{ hash = blob \"{string.Concat(hashOf(chunk).Select(b => $"\\{b:x2}"))}\" }})", Current.GetMethod("upload_chunk").Results);
        };

    [Fact]
    public async Task Only_chunks_the_store_lacks_are_uploaded_and_the_store_then_holds_all()
    {
        var chunks = FourChunks();
        StoreAnswers(SHA256.HashData);
        var uploaded = new List<int>();

        var held = await new ChunkedInstaller(new ManagementCanister(agent), parallelUploads: 2)
            .UploadAsync(Store, chunks, [chunks[0].Sha256Hex, chunks[2].Sha256Hex.ToUpperInvariant()], c => { lock (uploaded) { uploaded.Add(c.Index); } });

        uploaded.Should().BeEquivalentTo([1, 3]);
        agent.Sent.Should().HaveCount(2).And.OnlyContain(s => s.Method == "upload_chunk" && s.EffectiveCanisterId == Store);
        held.Should().Contain(chunks.Select(c => c.Sha256Hex));
    }

    [Fact]
    public async Task Without_a_known_list_stored_chunks_is_asked_first()
    {
        var chunks = FourChunks();
        StoreAnswers(SHA256.HashData);
        agent.Replies["stored_chunks"] = _ => CandidText.EncodeArguments($"(vec {{ record {{ hash = blob \"{string.Concat(chunks[3].Sha256.Select(b => $"\\{b:x2}"))}\" }} }})", Current.GetMethod("stored_chunks").Results);

        await new ChunkedInstaller(new ManagementCanister(agent)).InstallAsync(Target, CanisterInstallMode.InstallMode, chunks, SHA256.HashData([1]), [], Store);

        agent.Sent.Select(s => s.Method).Should().Equal("stored_chunks", "upload_chunk", "upload_chunk", "upload_chunk", "install_chunked_code");
        var install = CandidDecoder.Decode(agent.Sent[^1].Arg, Current.GetMethod("install_chunked_code").Arguments)[0];
        install["store_canister"].AsOption()!.AsPrincipal().Should().Be(Store);
        install["chunk_hashes_list"].AsVec().Select(h => Convert.ToHexStringLower(h["hash"].AsBytes())).Should().Equal(chunks.Select(c => c.Sha256Hex));
    }

    [Fact]
    public async Task A_chunk_stored_under_another_hash_is_refused_naming_it()
    {
        var chunks = FourChunks();
        StoreAnswers(chunk => SHA256.HashData([.. chunk, 0]));

        var upload = () => new ChunkedInstaller(new ManagementCanister(agent), parallelUploads: 1).UploadAsync(Store, chunks, []);

        (await upload.Should().ThrowAsync<InvalidOperationException>()).WithMessage($"upload_chunk to canister {Store}: chunk 0 was stored as *, expected {chunks[0].Sha256Hex}");
    }
}

using System.Security.Cryptography;
using IcOperator.Api.V1Alpha1;
using IcOperator.Wasm;

namespace IcOperator.Tests.Wasm;

public sealed class WasmModuleTests
{
    [Fact]
    public void Custom_sections_are_read_with_their_visibility()
    {
        var bytes = new TestWasm()
            .Public("candid:service", "service : { greet : () -> (text) query }")
            .Private("secret", "x")
            .Custom("name", [1, 2, 3])
            .Build();
        var module = WasmModule.Parse(bytes);
        module.Gzip.Should().BeFalse();
        module.CustomSections.Select(s => (s.Name, s.Visibility, s.Content.Length)).Should().Equal(
            ("candid:service", "public", 40), ("secret", "private", 1), ("name", null, 3));
        module.Section("candid:service")!.Text.Should().Be("service : { greet : () -> (text) query }");
        module.Section("candid:service")!.RawName.Should().Be("icp:public candid:service");
        module.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task Gzip_modules_keep_their_compressed_hash_and_expose_the_sections_inside()
    {
        var wasm = new TestWasm().Public("cdk:name", "basilisk");
        var gzip = wasm.BuildGzip();
        var module = WasmModule.Parse(gzip);
        module.Gzip.Should().BeTrue();
        (await module.ReadBytesAsync(default)).Should().Equal(gzip);
        module.Size.Should().Be(gzip.Length);
        module.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(gzip)));
        module.Section("cdk:name")!.Text.Should().Be("basilisk");
    }

    [Fact]
    public async Task Chunk_hashes_are_the_sha256_of_each_mebibyte_in_order()
    {
        var bytes = new TestWasm().Padded((int)(2.5 * 1024 * 1024)).Build();
        var module = WasmModule.Parse(bytes);
        module.ChunkHashes.Should().HaveCount(3);
        var chunks = await module.ChunksAsync(default);
        for (var i = 0; i < 3; i++)
        {
            var start = i * 1024 * 1024;
            var slice = bytes.AsSpan(start, Math.Min(1024 * 1024, bytes.Length - start));
            module.ChunkHashes[i].Should().Be(Convert.ToHexStringLower(SHA256.HashData(slice)));
            chunks[i].Content.ToArray().Should().Equal(slice.ToArray());
            chunks[i].Sha256Hex.Should().Be(module.ChunkHashes[i]);
        }
    }

    [Theory]
    [InlineData(new byte[0], "(empty)")]
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0 }, "7f454c46")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00 }, "binary version 1")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x10, 0x00 }, "claims 16 bytes")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x80 }, "truncated LEB128")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x2a, 0x00 }, "unknown section id 42")]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x05, 0x61 }, "runs past the section end")]
    [InlineData(new byte[] { 0x1f, 0x8b, 0x00, 0x01 }, "not valid gzip")]
    public void Bytes_that_are_not_wasm_are_refused_with_what_was_found(byte[] bytes, string expected)
    {
        var act = () => WasmModule.Parse(bytes);
        var error = act.Should().Throw<WasmException>().Which;
        error.Reason.Should().Be(WasmTemplateReasons.NotWasm);
        error.Terminal.Should().BeTrue();
        error.Message.Should().Contain(expected);
    }
}

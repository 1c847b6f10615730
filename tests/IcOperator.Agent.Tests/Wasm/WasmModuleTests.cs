using System.Security.Cryptography;
using System.Text;
using IcOperator.Agent.Tests.Support;
using IcOperator.Agent.Wasm;

namespace IcOperator.Agent.Tests.Wasm;

public class WasmModuleTests
{
    [Fact]
    public void The_minimal_module_has_no_sections_and_hashes_its_8_bytes()
    {
        var module = WasmModule.Parse(TestModules.Minimal);
        module.CustomSections.Should().BeEmpty();
        module.IsGzip.Should().BeFalse();
        module.Sha256Hex.Should().Be(Convert.ToHexStringLower(SHA256.HashData(TestModules.Minimal)));
        module.Chunks().Should().ContainSingle().Which.Content.Length.Should().Be(8);
    }

    [Fact]
    public void Custom_sections_of_the_real_counter_module_give_its_metadata()
    {
        var vector = Vectors.Load("wasm", "counter.wasm.json");
        var sections = vector.GetProperty("custom_sections_in_order").EnumerateArray()
            .Where(s => s.TryGetProperty("payload_utf8", out _))
            .Select(s => (s.Text("name"), Encoding.UTF8.GetBytes(s.Text("payload_utf8"))))
            .ToArray();
        var module = WasmModule.Parse(TestModules.With([("name", new byte[] { 1, 2, 3 }), .. sections]));

        module.CustomSections.Select(s => s.Name).Should().Equal(["name", .. sections.Select(s => s.Item1)]);
        module.CandidService.Should().Contain("queryGreet: (text) -> (text) query;");
        module.CandidArgs.Should().Be("()");
        module.MotokoStableTypes.Should().StartWith("// Version: 1.0.0");
        module.FindMetadata("motoko:compiler")!.Visibility.Should().Be(MetadataVisibility.Private);
        module.FindMetadata("candid:service")!.Visibility.Should().Be(MetadataVisibility.Public);
        module.FindMetadata("name").Should().BeNull("a plain custom section is not canister metadata");
        foreach (var section in vector.GetProperty("custom_sections_in_order").EnumerateArray().Where(s => s.TryGetProperty("payload_utf8", out _)))
        {
            var found = module.CustomSections.Single(s => s.Name == section.Text("name"));
            Convert.ToHexStringLower(SHA256.HashData(found.Content.Span)).Should().Be(section.Text("sha256_hex"));
        }

        module.EnhancedOrthogonalPersistence.Should().BeFalse();
        module.CdkName.Should().BeNull();
    }

    [Fact]
    public void Gzip_modules_are_read_through_and_hashed_as_installed()
    {
        var wasm = TestModules.With(("icp:public cdk:name", "basilisk"u8.ToArray()), ("icp:private enhanced-orthogonal-persistence", []), ("icp:public dfx", """{"pullable":{"wasm_url":"https://x/y.wasm.gz","dependencies":[],"init_guide":"none"}}"""u8.ToArray()));
        var gz = TestModules.Gzip(wasm);
        var module = WasmModule.Parse(gz);
        module.IsGzip.Should().BeTrue();
        module.WasmBytes.ToArray().Should().Equal(wasm);
        module.Sha256.Should().Equal(SHA256.HashData(gz), "the IC hashes the installed bytes, gzip included");
        module.CdkName.Should().Be("basilisk");
        module.EnhancedOrthogonalPersistence.Should().BeTrue();
        using var dfx = module.DfxJson()!;
        dfx.RootElement.GetProperty("pullable").GetProperty("wasm_url").GetString().Should().Be("https://x/y.wasm.gz");
    }

    [Fact]
    public void A_plain_module_above_the_limit_is_too_large_like_a_compressed_one()
    {
        var big = TestModules.With(("icp:public filler", new byte[2 * 1024 * 1024]));
        var act = () => WasmModule.Parse(big, new WasmReaderLimits { MaxDecompressedSize = 1024 * 1024 });
        act.Should().Throw<WasmTooLargeException>().WithMessage("Wasm module is too large*more than the limit of 1048576");
    }

    [Fact]
    public void Every_section_is_listed_with_its_place_in_the_binary()
    {
        var bytes = Convert.FromHexString("0061736d01000000" + "010100" + "0003026162" + "0300");
        var module = WasmModule.Parse(bytes);
        module.Sections.Select(s => (s.Id, s.Offset, s.Length)).Should().Equal((1, 10, 1), (0, 13, 3), (3, 18, 0));
        module.CustomSections.Single().Name.Should().Be("ab");
    }

    [Fact]
    public void Gzip_bombs_are_stopped_at_the_decompression_limit()
    {
        var big = TestModules.With(("icp:public filler", new byte[3 * 1024 * 1024]));
        var act = () => WasmModule.Parse(TestModules.Gzip(big), new WasmReaderLimits { MaxDecompressedSize = 1024 * 1024 });
        act.Should().Throw<WasmTooLargeException>().WithMessage("*exceeds the limit of 1048576 bytes*");
    }

    [Theory]
    [InlineData("0061736d", "magic")]
    [InlineData("7f454c4602010100", "magic bytes 00 61 73 6d, found 7f454c46")]
    [InlineData("0061736d02000000", "binary version 1")]
    [InlineData("0061736d010000000005", "claims 5 bytes")]
    [InlineData("0061736d0100000000ff", "truncated LEB128")]
    [InlineData("0061736d01000000000405616263", "runs past the section end")]
    [InlineData("0061736d010000001e00", "unknown section id 30")]
    [InlineData("1f8b0800000000000003ffff", "not valid gzip")]
    [InlineData("0061736d0100000003000100", "section 1 at offset 10 is out of order")]
    [InlineData("0061736d0100000001000100", "section 1 at offset 10 is out of order")]
    public void Malformed_modules_are_refused_with_where_and_why(string hex, string reason)
    {
        var act = () => WasmModule.Parse(Convert.FromHexString(hex));
        act.Should().Throw<WasmFormatException>().Which.Message.Should().Contain(reason);
    }

    [Fact]
    public void Imports_of_every_kind_are_read_and_only_the_call_api_makes_a_calling_module()
    {
        // Type section () -> (); imports: ic0.msg_reply (function), env.t (table funcref, min 1 max 2),
        // env.m (memory with 64-bit limits, min 1), env.g (global i32, immutable), ic0.call_perform (function).
        var wasm = Convert.FromHexString(
            "0061736d01000000" + "010401600000"
            + "024105" + "03696330096d73675f7265706c790000" + "03656e760174017001" + "0102" + "03656e7601" + "6d020401" + "03656e760167037f00"
            + "036963300c63616c6c5f706572666f726d0000");
        var module = WasmModule.Parse(wasm);

        module.Imports.Select(i => (i.Module, i.Name, i.Kind)).Should().Equal(("ic0", "msg_reply", (byte)0), ("env", "t", (byte)1), ("env", "m", (byte)2), ("env", "g", (byte)3), ("ic0", "call_perform", (byte)0));
        module.CanMakeCalls.Should().BeTrue();
        WasmModule.Parse(TestModules.Minimal).CanMakeCalls.Should().BeFalse();
        var truncated = () => WasmModule.Parse(Convert.FromHexString("0061736d01000000" + "0203" + "010369")).Imports;
        truncated.Should().Throw<WasmFormatException>().WithMessage("*import*");
    }

    [Fact]
    public void Chunks_are_1_MiB_with_their_hashes_and_cover_the_module()
    {
        var bytes = TestModules.With(("icp:public filler", RandomNumberGenerator.GetBytes((2 * 1024 * 1024) + 17)));
        var module = WasmModule.Parse(bytes);
        var chunks = module.Chunks();
        chunks.Should().HaveCount(3);
        chunks.Take(2).Should().OnlyContain(c => c.Content.Length == WasmModule.ChunkSize);
        chunks.SelectMany(c => c.Content.ToArray()).Should().Equal(bytes);
        chunks.Select(c => Convert.ToHexStringLower(c.Sha256)).Should().Equal(chunks.Select(c => Convert.ToHexStringLower(SHA256.HashData(c.Content.ToArray()))));
        chunks.Select(c => c.Offset).Should().Equal(0, WasmModule.ChunkSize, 2 * WasmModule.ChunkSize);
        ((Action)(() => module.Chunks(WasmModule.ChunkSize + 1))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Chunked_install_is_needed_from_1_85_MiB_of_module_plus_argument()
    {
        var module = WasmModule.Parse(TestModules.With(("icp:public filler", new byte[1_900_000])));
        var size = module.ModuleBytes.Length;
        var threshold = (int)(1.85 * 1024 * 1024);
        module.NeedsChunkedInstall(threshold - size - 1).Should().BeFalse();
        module.NeedsChunkedInstall(threshold - size).Should().BeTrue();
        WasmModule.Parse(TestModules.Minimal).NeedsChunkedInstall(1000).Should().BeFalse();
    }
}

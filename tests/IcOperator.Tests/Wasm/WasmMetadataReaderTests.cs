using IcOperator.Wasm;

namespace IcOperator.Tests.Wasm;

public sealed class WasmMetadataReaderTests
{
    [Fact]
    public void Metadata_sections_people_read_are_reported()
    {
        var module = WasmModule.Parse(new TestWasm()
            .Public("cdk:name", "basilisk")
            .Public("candid:service", "service : (InitArgs) -> { health : () -> (variant { ok }) query }")
            .Public("candid:args", "(InitArgs)")
            .Private("enhanced-orthogonal-persistence", string.Empty)
            .Public("dfx", """{"pullable":{"wasm_url":"https://example.org/x.wasm.gz","dependencies":[],"init_arg":"()"}}""")
            .Build());
        var metadata = WasmMetadataReader.Read(module);
        metadata.CdkName.Should().Be("basilisk");
        metadata.CandidService.Should().StartWith("service : (InitArgs)");
        metadata.CandidArgs.Should().Be("(InitArgs)");
        metadata.EnhancedOrthogonalPersistence.Should().BeTrue();
        metadata.Dfx!["pullable"]!["wasm_url"]!.GetValue<string>().Should().Be("https://example.org/x.wasm.gz");
        metadata.Sections!.Select(s => $"{s.Name}/{s.Visibility}").Should().Equal(
            "cdk:name/public", "candid:service/public", "candid:args/public", "enhanced-orthogonal-persistence/private", "dfx/public");
    }

    [Fact]
    public void A_module_without_metadata_reports_none()
    {
        var metadata = WasmMetadataReader.Read(WasmModule.Parse(new TestWasm().Build()));
        metadata.CdkName.Should().BeNull();
        metadata.CandidService.Should().BeNull();
        metadata.EnhancedOrthogonalPersistence.Should().BeFalse();
        metadata.Sections.Should().BeEmpty();
    }

    [Fact]
    public void A_dfx_section_that_is_not_json_is_listed_but_not_interpreted()
    {
        var metadata = WasmMetadataReader.Read(WasmModule.Parse(new TestWasm().Public("dfx", "{not json").Build()));
        metadata.Dfx.Should().BeNull();
        metadata.Sections!.Single().Size.Should().Be(9);
    }

    [Fact]
    public void Long_candid_is_cut_at_4_KiB_on_a_character_boundary()
    {
        var text = new string('a', 4095) + "é" + new string('b', 100);
        var preview = WasmMetadataReader.Preview(System.Text.Encoding.UTF8.GetBytes(text));
        preview.Should().Be(new string('a', 4095));
        WasmMetadataReader.Preview("service : {}"u8).Should().Be("service : {}");
    }
}

using IcOperator.Orchestration;

namespace IcOperator.Tests.Orchestration;

public sealed class InstallStrategyTests
{
    [Theory]
    [InlineData(0L, 0)]
    [InlineData(1L, 1)]
    [InlineData(1024L * 1024, 1)]
    [InlineData(1024L * 1024 + 1, 2)]
    [InlineData(5L * 1024 * 1024, 5)]
    public void Chunk_count_rounds_up_to_whole_mebibytes(long size, int chunks)
    {
        InstallStrategy.ChunkCount(size).Should().Be(chunks);
    }

    [Fact]
    public void Only_chunks_the_store_lacks_are_uploaded()
    {
        string[] module = ["aa", "bb", "cc", "bb"];
        InstallStrategy.MissingChunks(module, ["BB"]).Should().Equal(0, 2);
        InstallStrategy.MissingChunks(module, []).Should().Equal(0, 1, 2, 3);
        InstallStrategy.MissingChunks(module, ["aa", "bb", "cc"]).Should().BeEmpty();
    }

    [Fact]
    public void The_limit_is_the_agents_1_85_MiB_of_module_and_argument()
    {
        const long Threshold = IcOperator.Agent.Wasm.WasmModule.ChunkedInstallThreshold;
        Threshold.Should().Be((long)(1.85 * 1024 * 1024));
        InstallStrategy.IsChunked(Threshold - 1, 0).Should().BeFalse();
        InstallStrategy.IsChunked(Threshold - 1, 1).Should().BeTrue();
    }
}

namespace IcOperator.Agent.Wasm;

/// <summary>Bounds on what the reader accepts, so a gzip bomb cannot exhaust memory.</summary>
public sealed record WasmReaderLimits
{
    public static WasmReaderLimits Default { get; } = new();

    /// <summary>Largest module after decompression; the IC refuses larger ones too (its limit is 100 MiB).</summary>
    public long MaxDecompressedSize { get; init; } = 100L * 1024 * 1024;
}

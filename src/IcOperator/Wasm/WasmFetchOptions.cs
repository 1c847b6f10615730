namespace IcOperator.Wasm;

/// <summary>Limits on fetching modules.</summary>
internal sealed record WasmFetchOptions
{
    /// <summary>How long one download may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The most bytes a source may provide.</summary>
    public long MaxSize { get; init; } = 100L * 1024 * 1024;
}

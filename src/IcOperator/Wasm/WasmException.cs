namespace IcOperator.Wasm;

/// <summary>
/// A module that cannot be used: fetch failed, hash mismatch, not Wasm. <see cref="Reason"/> is one of
/// <see cref="Api.V1Alpha1.WasmTemplateReasons"/>; <see cref="Terminal"/> says whether retrying can help.
/// </summary>
public sealed class WasmException(string reason, string message, bool terminal, Exception? inner = null) : Exception(message, inner)
{
    public string Reason { get; } = reason;

    /// <summary>True when the same input will fail again (hash mismatch, not Wasm): the template reports Stalled.</summary>
    public bool Terminal { get; } = terminal;
}

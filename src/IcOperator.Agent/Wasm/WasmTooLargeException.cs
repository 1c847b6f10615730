namespace IcOperator.Agent.Wasm;

/// <summary>A module above the reader's size limit (the IC's 100 MiB), compressed or not.</summary>
public sealed class WasmTooLargeException(string message) : WasmFormatException(message);

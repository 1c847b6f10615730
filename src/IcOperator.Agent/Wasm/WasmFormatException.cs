namespace IcOperator.Agent.Wasm;

/// <summary>A module that is not a valid (possibly gzip-wrapped) Wasm binary; the message says where and why.</summary>
public class WasmFormatException(string message, Exception? inner = null) : FormatException(message, inner);

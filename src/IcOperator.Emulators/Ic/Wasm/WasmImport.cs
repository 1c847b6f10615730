namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>One entry of a module's import section: a function with its type, or another kind (memory, table, global, tag).</summary>
internal sealed record WasmImport(string Module, string Name, byte Kind, WasmFunctionType? Type)
{
    public const byte FunctionKind = 0;
}

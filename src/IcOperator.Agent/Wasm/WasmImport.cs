namespace IcOperator.Agent.Wasm;

/// <summary>One entry of a Wasm module's import section: the module and name imported, and its kind (0 function, 1 table, 2 memory, 3 global, 4 tag).</summary>
public sealed record WasmImport(string Module, string Name, byte Kind)
{
    public const byte Function = 0;
}

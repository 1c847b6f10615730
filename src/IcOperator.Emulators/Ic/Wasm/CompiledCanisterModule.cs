using Wasmtime;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// A canister module compiled by Wasmtime, with a linker that provides the <c>ic0</c> functions with the types the
/// module declares. Shared by every canister that installs the same module; never disposed (the cache keeps it).
/// </summary>
internal sealed class CompiledCanisterModule(Engine engine, Module module, Linker linker, WasmBinary binary)
{
    public const string MemoryExport = "__ic_emulator_memory";
    public const string TableExport = "__ic_emulator_table";

    public Engine Engine { get; } = engine;

    public Module Module { get; } = module;

    public Linker Linker { get; } = linker;

    public bool Is64BitMemory { get; } = binary.Is64BitMemory;

    public IReadOnlyList<int> MutableGlobals { get; } = binary.MutableGlobals;

    private readonly HashSet<string> exports = new(binary.Exports, StringComparer.Ordinal);

    public bool Exports(string name) => exports.Contains(name);

    public bool HasUpdate(string method) => exports.Contains("canister_update " + method);

    public bool HasQuery(string method) => exports.Contains("canister_query " + method) || exports.Contains("canister_composite_query " + method);

    public string QueryExport(string method) => exports.Contains("canister_query " + method) ? "canister_query " + method : "canister_composite_query " + method;
}

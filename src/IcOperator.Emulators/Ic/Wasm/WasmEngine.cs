using System.Collections.Concurrent;
using Wasmtime;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// Compiles canister modules with Wasmtime (64-bit memory, fuel for instruction limits) once per distinct module
/// in the process: every emulator, and every canister that installs the same bytes, shares the compiled module.
/// </summary>
internal static class WasmEngine
{
    private static readonly Engine Engine = new(new Config()
        .WithMemory64(true)
        .WithFuelConsumption(true)
        .WithBulkMemory(true)
        .WithMultiValue(true)
        .WithReferenceTypes(true)
        .WithSIMD(true)
        .WithOptimizationLevel(OptimizationLevel.Speed));

    private static readonly ConcurrentDictionary<string, Lazy<CompiledCanisterModule>> Cache = new(StringComparer.Ordinal);

    /// <summary>How many modules were compiled (not found in the cache) since the process started.</summary>
    public static int Compilations => compilations;

    private static int compilations;

    /// <summary>
    /// The compiled module for <paramref name="code"/> (decompressed), found by <paramref name="hash"/>; throws
    /// <see cref="FormatException"/> with the replica's message when the module is invalid or imports what the
    /// emulator does not provide.
    /// </summary>
    public static CompiledCanisterModule Compile(byte[] hash, byte[] code)
    {
        var lazy = Cache.GetOrAdd(Convert.ToHexStringLower(hash), _ => new Lazy<CompiledCanisterModule>(() => CompileNew(code)));
        return lazy.Value;
    }

    private static CompiledCanisterModule CompileNew(byte[] code)
    {
        var binary = WasmBinary.Read(code);
        var linker = new Linker(Engine);
        SystemApi.Define(linker, binary);
        Module module;
        try
        {
            module = Module.FromBytes(Engine, "canister", binary.Instrumented(CompiledCanisterModule.MemoryExport, CompiledCanisterModule.TableExport));
        }
        catch (WasmtimeException e)
        {
            // Wasmtime explains the failure over several lines ("failed to compile: …", "Caused by: …").
            var reason = string.Join(" ", e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            throw new FormatException("Wasm module has an invalid format: " + reason, e);
        }

        Interlocked.Increment(ref compilations);
        return new CompiledCanisterModule(Engine, module, linker, binary);
    }
}

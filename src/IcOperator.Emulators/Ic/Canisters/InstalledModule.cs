using IcOperator.Emulators.Ic.Modules;
using IcOperator.Emulators.Ic.Wasm;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>
/// A module installed in a canister: with its parsed behaviour when it carries the behaviour section, else compiled
/// by the Wasm engine (<see cref="Compiled"/>) to run for real.
/// </summary>
internal sealed record InstalledModule(WasmModule Module, CanisterBehavior Behavior, CompiledCanisterModule? Compiled = null)
{
    public bool HasEnhancedOrthogonalPersistence => Module.Metadata("enhanced-orthogonal-persistence") is not null;
}

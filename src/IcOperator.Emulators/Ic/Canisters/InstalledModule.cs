using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Emulators.Ic.Canisters;

/// <summary>A module installed in a canister with its parsed behaviour.</summary>
internal sealed record InstalledModule(WasmModule Module, CanisterBehavior Behavior)
{
    public bool HasEnhancedOrthogonalPersistence => Module.Metadata("enhanced-orthogonal-persistence") is not null;
}

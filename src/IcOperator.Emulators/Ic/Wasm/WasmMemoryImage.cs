namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>A copy of an instance's main memory and mutable globals: what rollback, upgrades that keep memory and snapshots restore.</summary>
internal sealed record WasmMemoryImage(byte[] Memory, object[] Globals)
{
    public long Size => Memory.Length + (Globals.Length * 8L);
}

using Wasmtime;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// The live Wasmtime instance of a canister's module, kept between messages. Its memory and globals can be copied
/// out (<see cref="Capture"/>) and put back (<see cref="Restore(WasmMemoryImage)"/>), or remembered in a reusable
/// buffer for a message's rollback (<see cref="SetRollbackPoint"/>, <see cref="RollBack"/>); when the memory has
/// grown past the copy, the instance is rebuilt, since Wasm memory cannot shrink.
/// </summary>
internal sealed class CanisterInstance : IDisposable
{
    private Store store;
    private Memory? memory;
    private Global[] globals;
    private Table? table;
    private byte[] rollbackMemory = [];
    private long rollbackLength;
    private object[] rollbackGlobals = [];

    private CanisterInstance(CompiledCanisterModule module, long memoryLimit)
    {
        Module = module;
        MemoryLimit = memoryLimit;
        (store, Instance, memory, table, globals) = Instantiate();
    }

    public CompiledCanisterModule Module { get; }

    public Instance Instance { get; private set; }

    public long MemoryLimit { get; }

    public bool Is64Bit => Module.Is64BitMemory;

    /// <summary>The message running in this instance, which system API functions act on.</summary>
    public MessageExecution? Current { get; set; }

    /// <summary>Fuel left, as seen by the last system API call or the end of the last execution.</summary>
    public ulong Fuel { get; set; }

    public ulong FuelAtStart { get; set; }

    public long InstructionsUsed => (long)(FuelAtStart - Math.Min(Fuel, FuelAtStart));

    public long MemoryLength => memory?.GetLength() ?? 0;

    /// <summary>Instantiates <paramref name="module"/> without running its start function (see <see cref="WasmBinary.StartExport"/>).</summary>
    public static CanisterInstance Create(CompiledCanisterModule module, long memoryLimit) => new(module, memoryLimit);

    public Span<byte> MemorySpan(long address, int length) => memory!.GetSpan(address, length);

    public Function? Export(string name) => Instance.GetFunction(name);

    public Function? TableFunction(long index)
    {
        if (table is null || index < 0 || (ulong)index >= table.GetSize())
        {
            return null;
        }

        return table!.GetElement((uint)index) as Function;
    }

    /// <summary>Runs <paramref name="function"/> with <paramref name="fuel"/> instructions to spend; Wasmtime's traps propagate.</summary>
    public void Run(Function function, ulong fuel, params ValueBox[] args)
    {
        store.Fuel = fuel;
        FuelAtStart = fuel;
        Fuel = fuel;
        try
        {
            function.Invoke(args);
        }
        finally
        {
            Fuel = store.Fuel;
        }
    }

    public WasmMemoryImage Capture()
    {
        var length = MemoryLength;
        var bytes = new byte[length];
        CopyMemoryTo(bytes, length);
        return new WasmMemoryImage(bytes, globals.Select(g => g.GetValue()!).ToArray());
    }

    /// <summary>
    /// Remembers the memory and globals as they are now, for <see cref="RollBack"/>, in a buffer this instance
    /// keeps between messages: a fresh copy per message would be a large-object allocation and a full collection each time.
    /// </summary>
    public void SetRollbackPoint()
    {
        rollbackLength = MemoryLength;
        if (rollbackMemory.Length < rollbackLength)
        {
            rollbackMemory = GC.AllocateUninitializedArray<byte>(checked((int)rollbackLength));
        }

        CopyMemoryTo(rollbackMemory, rollbackLength);
        if (rollbackGlobals.Length != globals.Length)
        {
            rollbackGlobals = new object[globals.Length];
        }

        for (var i = 0; i < globals.Length; i++)
        {
            rollbackGlobals[i] = globals[i].GetValue()!;
        }
    }

    /// <summary>Puts back the memory and globals remembered by the last <see cref="SetRollbackPoint"/> (a trap, or the end of a query).</summary>
    public void RollBack() => Restore(rollbackMemory, rollbackLength, rollbackGlobals);

    /// <summary>Puts <paramref name="memory"/> in place of the main memory, growing it as needed (an upgrade that keeps memory).</summary>
    public void RestoreMemory(byte[] memory) => Restore(memory, memory.Length, globals.Select(g => g.GetValue()!).ToArray());

    public void Restore(WasmMemoryImage image) => Restore(image.Memory, image.Memory.Length, image.Globals);

    // Restores the first length bytes of source as the whole memory; a memory grown past them means a new instance.
    private void Restore(byte[] source, long length, object[] globalValues)
    {
        if (MemoryLength > length)
        {
            store.Dispose();
            (store, Instance, memory, table, globals) = Instantiate();
        }

        if (memory is not null)
        {
            var missing = (length - MemoryLength) / Memory.PageSize;
            if (missing > 0 && memory.Grow(missing) < 0)
            {
                throw new InvalidOperationException($"The Wasm memory cannot grow back to {length} bytes.");
            }

            for (long offset = 0; offset < length; offset += int.MaxValue / 2)
            {
                var chunk = (int)Math.Min(int.MaxValue / 2, length - offset);
                source.AsSpan((int)offset, chunk).CopyTo(memory.GetSpan(offset, chunk));
            }
        }

        for (var i = 0; i < globals.Length && i < globalValues.Length; i++)
        {
            globals[i].SetValue(globalValues[i]);
        }
    }

    private void CopyMemoryTo(byte[] target, long length)
    {
        for (long offset = 0; offset < length; offset += int.MaxValue / 2)
        {
            var chunk = (int)Math.Min(int.MaxValue / 2, length - offset);
            memory!.GetSpan(offset, chunk).CopyTo(target.AsSpan((int)offset, chunk));
        }
    }

    public void Dispose() => store.Dispose();

    private (Store, Instance, Memory?, Table?, Global[]) Instantiate()
    {
        var newStore = new Store(Module.Engine, this);
        newStore.SetLimits(memorySize: MemoryLimit);
        newStore.Fuel = ulong.MaxValue / 2;
        Instance instance;
        try
        {
            instance = Module.Linker.Instantiate(newStore, Module.Module);
        }
        catch
        {
            newStore.Dispose();
            throw;
        }

        var newGlobals = Module.MutableGlobals
            .Select(index => instance.GetGlobal(WasmBinary.GlobalExportPrefix + index) ?? throw new InvalidOperationException($"Global {index} is not exported."))
            .ToArray();
        return (newStore, instance, instance.GetMemory(CompiledCanisterModule.MemoryExport), instance.GetTable(CompiledCanisterModule.TableExport), newGlobals);
    }
}

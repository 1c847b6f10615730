using Wasmtime;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// The live Wasmtime instance of a canister's module, kept between messages. Its memory and globals can be copied
/// out (<see cref="Capture"/>) and put back (<see cref="Restore"/>); when the memory has grown past the copy, the
/// instance is rebuilt, since Wasm memory cannot shrink.
/// </summary>
internal sealed class CanisterInstance : IDisposable
{
    private Store store;
    private Memory? memory;
    private Global[] globals;
    private Table? table;

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
        for (long offset = 0; offset < length; offset += int.MaxValue / 2)
        {
            var chunk = (int)Math.Min(int.MaxValue / 2, length - offset);
            memory!.GetSpan(offset, chunk).CopyTo(bytes.AsSpan((int)offset, chunk));
        }

        return new WasmMemoryImage(bytes, globals.Select(g => g.GetValue()!).ToArray());
    }

    /// <summary>Puts <paramref name="memory"/> in place of the main memory, growing it as needed (an upgrade that keeps memory).</summary>
    public void RestoreMemory(byte[] memory) => Restore(new WasmMemoryImage(memory, globals.Select(g => g.GetValue()!).ToArray()));

    public void Restore(WasmMemoryImage image)
    {
        if (MemoryLength > image.Memory.Length)
        {
            store.Dispose();
            (store, Instance, memory, table, globals) = Instantiate();
        }

        if (memory is not null)
        {
            var missing = (image.Memory.Length - MemoryLength) / Memory.PageSize;
            if (missing > 0 && memory.Grow(missing) < 0)
            {
                throw new InvalidOperationException($"The Wasm memory cannot grow back to {image.Memory.Length} bytes.");
            }

            for (long offset = 0; offset < image.Memory.Length; offset += int.MaxValue / 2)
            {
                var chunk = (int)Math.Min(int.MaxValue / 2, image.Memory.Length - offset);
                image.Memory.AsSpan((int)offset, chunk).CopyTo(memory.GetSpan(offset, chunk));
            }
        }

        for (var i = 0; i < globals.Length && i < image.Globals.Length; i++)
        {
            globals[i].SetValue(image.Globals[i]);
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

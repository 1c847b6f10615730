using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace IcOperator.Emulators.Ic.Modules;

/// <summary>
/// The modules the replica has read, so a module installed into many canisters is read once, as a subnet keeps one
/// compiled copy per module hash: a chunked module assembled once per list of chunk hashes (chunks are addressed by
/// their sha256, so the same list gives the same bytes) and each module parsed once per module hash. The last
/// <see cref="Capacity"/> of each are kept; installs run under the execution lock, so the time saved is every
/// other message's.
/// </summary>
internal sealed class ModuleCache
{
    public const int Capacity = 8;

    private readonly Lock gate = new();
    private readonly Recent<AssembledModule> assembled = new();
    private readonly Recent<WasmModule> parsed = new();

    // The bytes an assembled module was handed out as: parsing them again needs no hash of 5 MiB.
    private readonly ConditionalWeakTable<byte[], WasmModule> parsedBytes = [];

    /// <summary>
    /// The module made of the chunks <paramref name="chunkHashes"/> in order, each read with <paramref name="find"/>
    /// (which throws for a chunk the store does not hold), and its sha256. The bytes returned are shared: never change them.
    /// </summary>
    public AssembledModule Assemble(IReadOnlyList<byte[]> chunkHashes, Func<byte[], byte[]> find)
    {
        var chunks = chunkHashes.Select(find).ToList();
        var key = string.Join('/', chunkHashes.Select(Convert.ToHexStringLower));
        lock (gate)
        {
            if (assembled.Find(key) is { } known)
            {
                return known;
            }
        }

        var bytes = new byte[chunks.Sum(c => (long)c.Length)];
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(bytes, at);
            at += chunk.Length;
        }

        var module = new AssembledModule(bytes, SHA256.HashData(bytes));
        lock (gate)
        {
            assembled.Add(key, module);
        }

        return module;
    }

    /// <summary><see cref="WasmModule.Parse"/>, once per module hash; a module that fails to parse is not kept.</summary>
    public WasmModule Parse(byte[] bytes)
    {
        string key;
        lock (gate)
        {
            if (parsedBytes.TryGetValue(bytes, out var same))
            {
                return same;
            }
        }

        key = Convert.ToHexStringLower(SHA256.HashData(bytes));
        lock (gate)
        {
            if (parsed.Find(key) is { } known)
            {
                parsedBytes.AddOrUpdate(bytes, known);
                return known;
            }
        }

        var module = WasmModule.Parse(bytes);
        lock (gate)
        {
            parsed.Add(key, module);
            parsedBytes.AddOrUpdate(bytes, module);
        }

        return module;
    }

    /// <summary>The last <see cref="Capacity"/> values added, by key.</summary>
    private sealed class Recent<T>
        where T : class
    {
        private readonly Dictionary<string, T> values = new(StringComparer.Ordinal);
        private readonly Queue<string> order = new();

        public T? Find(string key) => values.GetValueOrDefault(key);

        public void Add(string key, T value)
        {
            if (!values.TryAdd(key, value))
            {
                return;
            }

            order.Enqueue(key);
            if (order.Count > Capacity)
            {
                values.Remove(order.Dequeue());
            }
        }
    }
}

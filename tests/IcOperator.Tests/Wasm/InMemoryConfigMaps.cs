using IcOperator.Wasm;

namespace IcOperator.Tests.Wasm;

internal sealed class InMemoryConfigMaps : IConfigMapSource
{
    public Dictionary<(string Namespace, string Name, string Key), byte[]> Data { get; } = [];

    public Task<byte[]?> GetBinaryDataAsync(string @namespace, string name, string key, CancellationToken cancellation) =>
        Task.FromResult(Data.TryGetValue((@namespace, name, key), out var bytes) ? bytes : null);
}

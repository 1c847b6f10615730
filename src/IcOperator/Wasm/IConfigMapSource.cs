namespace IcOperator.Wasm;

/// <summary>Reads ConfigMap binaryData, so the module fetcher does not depend on the Kubernetes client.</summary>
internal interface IConfigMapSource
{
    /// <summary>The bytes under <paramref name="key"/> in binaryData (or data), or null when the ConfigMap or key does not exist.</summary>
    Task<byte[]?> GetBinaryDataAsync(string @namespace, string name, string key, CancellationToken cancellation);
}

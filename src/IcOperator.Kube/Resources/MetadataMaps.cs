namespace IcOperator.Kube.Resources;

/// <summary>Lookups on the official models' maps (labels, annotations, data), which are <see cref="IDictionary{TKey, TValue}"/>.</summary>
public static class MetadataMaps
{
    /// <summary>The value under <paramref name="key"/>, or default when the map or the key is absent.</summary>
    public static TValue? ValueOrDefault<TValue>(this IDictionary<string, TValue>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : default;
}

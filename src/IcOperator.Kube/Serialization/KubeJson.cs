using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IcOperator.Kube.Serialization;

/// <summary>
/// The core models' JSON: <see cref="KubeJsonContext"/>, with the fields the API server types as MicroTime
/// (Event and Lease times) written with their six fractional digits.
/// </summary>
internal static class KubeJson
{
    private static readonly Dictionary<Type, string[]> MicroTimeFields = new()
    {
        [typeof(Eventsv1Event)] = ["eventTime"],
        [typeof(Eventsv1EventSeries)] = ["lastObservedTime"],
        [typeof(V1LeaseSpec)] = ["acquireTime", "renewTime"],
    };

    public static JsonSerializerOptions Options { get; } = new(KubeJsonContext.Default.Options)
    {
        TypeInfoResolver = KubeJsonContext.Default.WithAddedModifier(MarkMicroTimes),
    };

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static void MarkMicroTimes(JsonTypeInfo typeInfo)
    {
        if (!MicroTimeFields.TryGetValue(typeInfo.Type, out var names))
        {
            return;
        }

        foreach (var property in typeInfo.Properties.Where(p => names.Contains(p.Name)))
        {
            property.CustomConverter = property.PropertyType == typeof(DateTime) ? new MicroTimeConverter() : new NullableMicroTimeConverter();
        }
    }
}

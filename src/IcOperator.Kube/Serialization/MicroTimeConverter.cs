using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcOperator.Kube.Serialization;

/// <summary>
/// meta/v1 MicroTime: always six fractional digits, which the API server requires of Event and Lease times
/// (the official client's converter drops the fraction of a whole second, which the server refuses).
/// </summary>
internal sealed class MicroTimeConverter : JsonConverter<DateTime>
{
    private static readonly KubernetesJson.KubernetesDateTimeConverter Reader = new();

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Reader.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }
}

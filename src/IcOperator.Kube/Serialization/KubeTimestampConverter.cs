using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcOperator.Kube.Serialization;

/// <summary>An RFC 3339 timestamp in UTC, read in any precision and written in <paramref name="format"/>; null and "" read as null.</summary>
public abstract class KubeTimestampConverter(string format) : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = reader.GetString();
        return string.IsNullOrEmpty(text)
            ? null
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } time)
        {
            writer.WriteStringValue(time.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

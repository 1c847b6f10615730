using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcOperator.Kube.Serialization;

/// <summary><see cref="MicroTimeConverter"/> for optional fields; null stays null.</summary>
internal sealed class NullableMicroTimeConverter : JsonConverter<DateTime?>
{
    private static readonly MicroTimeConverter Inner = new();

    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(DateTime), options);

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } time)
        {
            Inner.Write(writer, time, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

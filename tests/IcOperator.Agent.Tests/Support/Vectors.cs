using System.Text.Json;
using IcOperator.Testing;

namespace IcOperator.Agent.Tests.Support;

/// <summary>Reads the JSON vectors copied into tests/vectors/.</summary>
internal static class Vectors
{
    public static JsonElement Load(params string[] parts)
    {
        using var stream = File.OpenRead(TestPaths.Vectors(parts));
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    public static byte[] Hex(this JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}

using System.Security.Cryptography;

namespace IcOperator.ChunkStore;

/// <summary>
/// The module the operator installs into each network chunk-store canister (built from UpgraderCanister/Upgrader.mo):
/// the store keeps its chunks, and its <c>upgrade</c> method runs stop → snapshot → install → start on its subnet.
/// </summary>
internal static class UpgraderModule
{
    private static readonly Lazy<byte[]> Module = new(Load);

    public static byte[] Wasm => Module.Value;

    public static string Sha256Hex { get; } = Convert.ToHexStringLower(SHA256.HashData(Module.Value));

    private static byte[] Load()
    {
        using var stream = typeof(UpgraderModule).Assembly.GetManifestResourceStream("upgrader.wasm")
            ?? throw new InvalidOperationException("The operator was built without its upgrader.wasm resource.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

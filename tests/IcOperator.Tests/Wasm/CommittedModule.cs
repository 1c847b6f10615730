namespace IcOperator.Tests.Wasm;

/// <summary>A canister module committed beside its source, with the sha256 its <c>build.js</c> wrote next to it.</summary>
internal sealed record CommittedModule(byte[] Wasm, string Sha256Hex)
{
    public static CommittedModule Read(string directory, string fileName) => new(
        File.ReadAllBytes(Path.Combine(directory, fileName)),
        File.ReadAllText(Path.Combine(directory, fileName + ".sha256")).Split(' ')[0]);
}

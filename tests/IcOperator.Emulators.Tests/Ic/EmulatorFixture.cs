using IcOperator.Agent.Identities;
using IcOperator.Emulators.Ic;

namespace IcOperator.Emulators.Tests.Ic;

/// <summary>One emulator per test class, with a few identities of every key kind.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public IcEmulator Emulator { get; private set; } = null!;

    internal Ed25519Identity Alice { get; } = Ed25519Identity.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());

    internal EcdsaIdentity Bob { get; } = EcdsaIdentity.Generate(SignatureScheme.EcdsaSecp256k1);

    internal EcdsaIdentity Carol { get; } = EcdsaIdentity.Generate(SignatureScheme.EcdsaP256);

    public async Task InitializeAsync() => Emulator = await IcEmulator.StartAsync(new IcEmulatorOptions { KeySeed = [1, 2, 3] });

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Alice.Dispose();
        Bob.Dispose();
        Carol.Dispose();
    }

    internal WireClient Client(IIdentity identity) => new(Emulator, identity);
}

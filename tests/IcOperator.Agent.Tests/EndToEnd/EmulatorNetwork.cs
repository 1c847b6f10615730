using IcOperator.Agent.Bls;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Transport;
using IcOperator.Emulators.Ic;

namespace IcOperator.Agent.Tests.EndToEnd;

/// <summary>One in-process IC emulator for a test class, and agents on it the way the operator builds them.</summary>
public sealed class EmulatorNetwork : IAsyncLifetime
{
    public IcEmulator Emulator { get; private set; } = null!;

    public Ed25519Identity Operator { get; } = Ed25519Identity.Generate();

    public async Task InitializeAsync() => Emulator = await IcEmulator.StartAsync(new IcEmulatorOptions());

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Operator.Dispose();
    }

    public HttpAgent Agent(IIdentity? identity = null) => new(new HttpAgentOptions
    {
        Url = Emulator.Url,
        Identity = identity ?? Operator,
        RootKeySource = RootKeySource.Fetch,
        SignatureVerifier = Bls12381SignatureVerifier.Shared,
        RetryInitialDelay = TimeSpan.FromMilliseconds(5),
        PollInitialDelay = TimeSpan.FromMilliseconds(5),
        PollMaxDelay = TimeSpan.FromMilliseconds(50),
        RequestsPerSecond = 1000,
    });
}

using IcOperator.Emulators.Kube;

namespace IcOperator.Emulators.Tests.Kube;

/// <summary>One emulator per test class, with our CRDs installed; tests use distinct namespaces or names.</summary>
public sealed class KubeEmulatorFixture : IAsyncLifetime, IDisposable
{
    private KubeApiEmulator? _emulator;
    private KubeHttp? _http;

    public KubeApiEmulator Emulator => _emulator ?? throw new InvalidOperationException("not started");

    internal KubeHttp Http => _http ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _emulator = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions
        {
            CrdDirectory = KubeFixtures.FixtureCrds,
            WatchHistorySize = 200,
            BookmarkInterval = TimeSpan.FromMilliseconds(100),
        });
        _http = new KubeHttp(_emulator);
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}

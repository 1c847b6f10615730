namespace IcOperator.Emulators.Kube;

/// <summary>
/// Faults the emulator injects into API requests (not into <c>/healthz</c> or <c>/version</c>), so clients'
/// retry, backoff and relist paths run in tests. Settable while the server runs.
/// </summary>
public sealed class KubeFaults
{
    private readonly Lock _gate = new();
    private Random _random = new(20261121);

    /// <summary>Share of requests (0 to 1) answered 429 TooManyRequests with <c>Retry-After: 1</c>.</summary>
    public double TooManyRequestsShare { get; set; }

    /// <summary>Share of requests (0 to 1) answered 500 InternalError.</summary>
    public double InternalErrorShare { get; set; }

    /// <summary>Latency added before every request is served.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Makes the injected failures repeatable.</summary>
    public void Seed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Turns every fault off.</summary>
    public void Reset()
    {
        TooManyRequestsShare = 0;
        InternalErrorShare = 0;
        Delay = TimeSpan.Zero;
    }

    internal async Task InjectAsync(CancellationToken cancellation)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellation);
        }

        double roll;
        lock (_gate)
        {
            roll = _random.NextDouble();
        }

        if (roll < TooManyRequestsShare)
        {
            throw Errors.KubeErrors.TooManyRequests();
        }

        if (roll < TooManyRequestsShare + InternalErrorShare)
        {
            throw Errors.KubeErrors.InternalError("injected fault");
        }
    }
}

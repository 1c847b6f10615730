namespace IcOperator.Kube.Client;

/// <summary>
/// client-go's RetryOnConflict: run read-modify-write again when the write lost a race (409 Conflict),
/// a few times with a short jittered pause.
/// </summary>
public static class ConflictRetry
{
    public const int DefaultAttempts = 5;

    public static async Task<TResult> RunAsync<TResult>(Func<CancellationToken, Task<TResult>> readModifyWrite, int attempts = DefaultAttempts, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readModifyWrite);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await readModifyWrite(cancellationToken);
            }
            catch (KubeConflictException) when (attempt < attempts)
            {
                // 10 ms plus up to 10 % jitter between attempts, as client-go's DefaultRetry.
                await Task.Delay(TimeSpan.FromMilliseconds(10 + Random.Shared.NextDouble()), clock ?? TimeProvider.System, cancellationToken);
            }
        }
    }
}

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>Waits for a condition with a deadline (never a fixed sleep).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for: {what}");
            }

            await Task.Yield();
            await Task.Delay(5);
        }
    }

    /// <summary>Advances a manual clock in steps until the condition holds (loops waiting on timers make progress).</summary>
    public static async Task TrueWhileAdvancingAsync(ManualClock clock, TimeSpan step, Func<bool> condition, string what, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (condition())
            {
                return;
            }

            clock.Advance(step);
            await Task.Delay(1);
        }

        throw new TimeoutException($"condition not reached after {maxSteps} steps of {step}: {what}");
    }
}

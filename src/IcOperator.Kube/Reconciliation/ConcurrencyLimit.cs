namespace IcOperator.Kube.Reconciliation;

/// <summary>
/// How many reconciles of a controller run at once, as a limit that may change while the controller runs (for
/// example derived from the IcNetworks' spec.limits). Raising it lets waiting workers in at once; lowering it
/// lets no new reconcile in until enough running ones are done.
/// </summary>
public sealed class ConcurrencyLimit
{
    private readonly Lock gate = new();
    private readonly Queue<TaskCompletionSource> waiting = new();
    private int running;
    private int limit;

    public ConcurrencyLimit(int limit) => Set(limit);

    /// <summary>Reconciles allowed at once.</summary>
    public int Limit
    {
        get
        {
            lock (gate)
            {
                return limit;
            }
        }
    }

    /// <summary>Hears the new limit whenever it is set.</summary>
    public event Action<int>? Changed;

    /// <summary>Sets the limit (at least 1).</summary>
    public void Set(int value)
    {
        int now;
        lock (gate)
        {
            now = limit = Math.Max(1, value);
            WakeLocked();
        }

        Changed?.Invoke(now);
    }

    /// <summary>Waits for a free place; pair with <see cref="Exit"/>.</summary>
    public Task EnterAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (running < limit && waiting.Count == 0)
            {
                running++;
                return Task.CompletedTask;
            }

            var place = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cancellationToken.Register(() => place.TrySetCanceled(cancellationToken));
            waiting.Enqueue(place);
            return place.Task;
        }
    }

    public void Exit()
    {
        lock (gate)
        {
            running--;
            WakeLocked();
        }
    }

    private void WakeLocked()
    {
        while (running < limit && waiting.TryDequeue(out var next))
        {
            // A waiter cancelled meanwhile takes no place.
            if (next.TrySetResult())
            {
                running++;
            }
        }
    }
}

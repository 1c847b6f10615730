using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Reconciliation;

/// <summary>
/// A fair share of a controller's workers per partition (for example the IcNetwork a deployment is on): at most a
/// partition's limit of its objects are reconciled at once. An object over the limit is parked here, not in a worker,
/// and handed back to the queue when a reconcile of its partition ends; so a backlog on one partition cannot hold the
/// workers another partition needs.
/// </summary>
internal sealed class PartitionGate
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Partition> partitions = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, (string Partition, LinkedListNode<ObjectKey> Node)> parked = [];

    /// <summary>Objects parked now, over all partitions; for tests and diagnostics.</summary>
    public int Parked
    {
        get
        {
            lock (gate)
            {
                return parked.Count;
            }
        }
    }

    /// <summary>
    /// Lets <paramref name="key"/> in when fewer than <paramref name="limit"/> of <paramref name="partition"/> run, and
    /// parks it otherwise. <paramref name="wake"/> hears parked objects to put back in the queue (the key may have been
    /// parked in another partition, which then has room).
    /// </summary>
    public bool TryEnter(string partition, int limit, ObjectKey key, List<ObjectKey> wake)
    {
        lock (gate)
        {
            UnparkLocked(key, partition, wake);
            var share = partitions.TryGetValue(partition, out var known) ? known : partitions[partition] = new Partition();
            share.Limit = Math.Max(1, limit);
            if (share.Running < share.Limit)
            {
                share.Running++;
                return true;
            }

            parked[key] = (partition, share.Waiting.AddLast(key));
            return false;
        }
    }

    /// <summary>Ends a reconcile that entered <paramref name="partition"/>; <paramref name="wake"/> hears the parked objects that now have room.</summary>
    public void Exit(string partition, List<ObjectKey> wake)
    {
        lock (gate)
        {
            var share = partitions[partition];
            share.Running--;
            WakeLocked(partition, share, wake);
        }
    }

    /// <summary>Forgets a parked object that went away; <paramref name="wake"/> hears who may take its turn.</summary>
    public void Forget(ObjectKey key, List<ObjectKey> wake)
    {
        lock (gate)
        {
            UnparkLocked(key, null, wake);
        }
    }

    private void UnparkLocked(ObjectKey key, string? entering, List<ObjectKey> wake)
    {
        if (!parked.Remove(key, out var where))
        {
            return;
        }

        var share = partitions[where.Partition];
        share.Waiting.Remove(where.Node);

        // A woken object that now goes elsewhere (or nowhere) leaves its turn in its old partition to the next one.
        if (where.Partition != entering)
        {
            WakeLocked(where.Partition, share, wake);
        }
    }

    /// <summary>
    /// Wakes as many parked objects as the partition has room for. They stay parked until they enter, so one that
    /// loses the race to a newcomer keeps its place at the front.
    /// </summary>
    private void WakeLocked(string name, Partition share, List<ObjectKey> wake)
    {
        wake.AddRange(share.Waiting.Take(share.Limit - share.Running));
        if (share.Running == 0 && share.Waiting.Count == 0)
        {
            // Nothing is kept per partition once it is idle: partitions come and go with the objects.
            partitions.Remove(name);
        }
    }

    private sealed class Partition
    {
        public int Running { get; set; }

        public int Limit { get; set; } = 1;

        public LinkedList<ObjectKey> Waiting { get; } = new();
    }
}

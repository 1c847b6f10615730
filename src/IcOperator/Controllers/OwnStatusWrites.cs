using IcOperator.Kube.Resources;
using k8s;
using k8s.Models;

namespace IcOperator.Controllers;

/// <summary>
/// Read-your-writes for a controller's own status writes, as the ReplicaSet controller's expectations do: a write's
/// resourceVersion is expected in the informer cache, and a cached copy that has not shown it yet is behind the last
/// write. Fed by the informer's handler, so no GET asks the API server. An expectation lapses after
/// <see cref="Patience"/> (a relist may replace the object with a later version without showing ours), so a lost
/// event never holds an object back for good.
/// </summary>
internal sealed class OwnStatusWrites(TimeProvider clock)
{
    /// <summary>How long a write is waited for in the cache; it normally shows within milliseconds.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Versions seen per object, newest last; a write whose event came before its response is found here.</summary>
    private const int RecentVersions = 4;

    private readonly Lock gate = new();
    private readonly Dictionary<ObjectKey, (string Version, DateTimeOffset Until)> expected = [];
    private readonly Dictionary<ObjectKey, Queue<string>> seen = [];

    /// <summary>Records that this controller wrote <paramref name="written"/>: the cache is behind until it shows that version.</summary>
    public void Expect(IKubernetesObject<V1ObjectMeta> written)
    {
        var key = ObjectKey.Of(written);
        var version = written.Metadata.ResourceVersion;
        lock (gate)
        {
            if (version is null || (seen.TryGetValue(key, out var recent) && recent.Contains(version)))
            {
                return;
            }

            expected[key] = (version, clock.GetUtcNow() + Patience);
        }
    }

    /// <summary>The informer's handler: a version now in the cache.</summary>
    public void Seen(IKubernetesObject<V1ObjectMeta> cached, bool deleted = false)
    {
        var key = ObjectKey.Of(cached);
        lock (gate)
        {
            if (deleted)
            {
                seen.Remove(key);
                expected.Remove(key);
                return;
            }

            if (!seen.TryGetValue(key, out var recent))
            {
                seen[key] = recent = new Queue<string>(RecentVersions);
            }

            if (recent.Count == RecentVersions)
            {
                recent.Dequeue();
            }

            recent.Enqueue(cached.Metadata.ResourceVersion ?? string.Empty);
            if (expected.TryGetValue(key, out var wanted) && wanted.Version == cached.Metadata.ResourceVersion)
            {
                expected.Remove(key);
            }
        }
    }

    /// <summary>Whether <paramref name="cached"/> is older than this controller's last write of it.</summary>
    public bool IsBehind(IKubernetesObject<V1ObjectMeta> cached)
    {
        var key = ObjectKey.Of(cached);
        lock (gate)
        {
            if (!expected.TryGetValue(key, out var wanted))
            {
                return false;
            }

            if (wanted.Version == cached.Metadata.ResourceVersion || wanted.Until <= clock.GetUtcNow())
            {
                expected.Remove(key);
                return false;
            }

            return true;
        }
    }
}

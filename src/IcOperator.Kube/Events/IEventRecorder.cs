using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Events;

/// <summary>Records events.k8s.io/v1 Events about objects. Never blocks and never throws on API errors.</summary>
public interface IEventRecorder
{
    /// <param name="regarding">The object the event is about (shown by <c>kubectl describe</c>).</param>
    /// <param name="type"><see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>.</param>
    /// <param name="reason">CamelCase, why the action was taken (e.g. <c>UpgradeRolledBack</c>).</param>
    /// <param name="action">CamelCase, what was done (e.g. <c>Upgrade</c>).</param>
    /// <param name="note">A sentence for people, at most 1 kB.</param>
    /// <param name="related">A second object involved, if any (e.g. the WasmTemplate).</param>
    void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string note, IKubernetesObject<V1ObjectMeta>? related = null);
}

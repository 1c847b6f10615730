using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Reconciliation;

/// <summary>
/// Brings one object's world in line with its spec. Called with a private copy of the cached object;
/// never twice at once for the same object. Throwing is the same as returning
/// <see cref="ReconcileResult.Error(string)"/>, except <see cref="TerminalReconcileException"/>, which is terminal.
/// </summary>
public interface IReconciler<in T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    Task<ReconcileResult> ReconcileAsync(T resource, CancellationToken cancellationToken);

    /// <summary>The object is gone from the cluster (after its finalizers ran); e.g. drop its metric series.</summary>
    Task DeletedAsync(ObjectKey key, CancellationToken cancellationToken) => Task.CompletedTask;
}

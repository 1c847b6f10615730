using IcOperator.Kube.Informers;
using IcOperator.Kube.Resources;

namespace IcOperator.Kube.Reconciliation;

/// <summary>Adapts a typed informer to <see cref="IRunnableInformer"/>.</summary>
internal sealed class RunnableInformer<T>(Informer<T> informer) : IRunnableInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public Informer<T> Informer => informer;

    public bool HasSynced => informer.HasSynced;

    public Task RunAsync(CancellationToken cancellationToken) => informer.RunAsync(cancellationToken);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => informer.WaitForSyncAsync(cancellationToken);
}

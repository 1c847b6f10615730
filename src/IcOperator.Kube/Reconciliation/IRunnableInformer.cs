namespace IcOperator.Kube.Reconciliation;

/// <summary>An informer of any kind, as the host starts it.</summary>
internal interface IRunnableInformer
{
    bool HasSynced { get; }

    Task RunAsync(CancellationToken cancellationToken);

    Task WaitForSyncAsync(CancellationToken cancellationToken);
}

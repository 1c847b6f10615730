using IcOperator.Kube.Reconciliation;

namespace IcOperator.Kube.Instrumentation;

/// <summary>Reports nowhere: the default when the host exports no metrics.</summary>
public sealed class NoRuntimeMetrics : IRuntimeMetrics, IRestClientMetrics, IWorkQueueMetrics, IControllerMetrics, ILeaderElectionMetrics
{
    public static NoRuntimeMetrics Instance { get; } = new();

    private NoRuntimeMetrics()
    {
    }

    public IRestClientMetrics RestClient => this;

    public IWorkQueueMetrics WorkQueue(string name) => this;

    public IControllerMetrics Controller(string name) => this;

    public ILeaderElectionMetrics LeaderElection(string leaseName) => this;

    public void RequestCompleted(string code, string method, string host)
    {
    }

    public void Added()
    {
    }

    public void DepthChanged(int depth)
    {
    }

    public void Waited(TimeSpan duration)
    {
    }

    public void Worked(TimeSpan duration)
    {
    }

    public void Retried()
    {
    }

    public void WorkersConfigured(int maxConcurrentReconciles)
    {
    }

    public void WorkerBusy()
    {
    }

    public void WorkerIdle()
    {
    }

    public void Reconciled(ReconcileOutcome outcome, TimeSpan duration)
    {
    }

    public void Leading(bool leading)
    {
    }
}

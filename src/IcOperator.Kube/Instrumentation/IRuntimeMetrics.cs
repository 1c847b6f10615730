namespace IcOperator.Kube.Instrumentation;

/// <summary>
/// Where the Kubernetes runtime reports what it does (client-go's MetricsProvider): the host decides how it is
/// exported, so this library carries no metrics client of its own.
/// </summary>
public interface IRuntimeMetrics
{
    /// <summary>The REST client's requests (<c>rest_client_requests_total</c>).</summary>
    IRestClientMetrics RestClient { get; }

    /// <summary>One work queue's adds, depth, latency and retries (<c>workqueue_*</c>, labelled by queue name).</summary>
    IWorkQueueMetrics WorkQueue(string name);

    /// <summary>One controller's reconciles and workers (<c>controller_runtime_*</c>, labelled by controller name).</summary>
    IControllerMetrics Controller(string name);

    /// <summary>Whether this process holds one lease (<c>leader_election_master_status</c>).</summary>
    ILeaderElectionMetrics LeaderElection(string leaseName);
}

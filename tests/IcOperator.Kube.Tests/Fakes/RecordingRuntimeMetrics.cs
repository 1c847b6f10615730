using System.Collections.Concurrent;
using IcOperator.Kube.Instrumentation;
using IcOperator.Kube.Reconciliation;

namespace IcOperator.Kube.Tests.Fakes;

/// <summary>Keeps every report of the runtime, so tests can see what it would have exported.</summary>
internal sealed class RecordingRuntimeMetrics : IRuntimeMetrics, IRestClientMetrics
{
    private readonly ConcurrentDictionary<string, QueueRecord> queues = new();
    private readonly ConcurrentDictionary<string, ControllerRecord> controllers = new();
    private readonly ConcurrentDictionary<string, LeaseRecord> leases = new();
    private readonly ConcurrentDictionary<(string Code, string Method, string Host), int> requests = new();

    public IRestClientMetrics RestClient => this;

    public QueueRecord Queue(string name) => queues.GetOrAdd(name, _ => new QueueRecord());

    public ControllerRecord ControllerRecordOf(string name) => controllers.GetOrAdd(name, _ => new ControllerRecord());

    public LeaseRecord Lease(string name) => leases.GetOrAdd(name, _ => new LeaseRecord());

    public int Requests(string code, string method, string host) => requests.GetValueOrDefault((code, method, host));

    public IWorkQueueMetrics WorkQueue(string name) => Queue(name);

    public IControllerMetrics Controller(string name) => ControllerRecordOf(name);

    public ILeaderElectionMetrics LeaderElection(string leaseName) => Lease(leaseName);

    public void RequestCompleted(string code, string method, string host) => requests.AddOrUpdate((code, method, host), 1, (_, n) => n + 1);

    internal sealed class QueueRecord : IWorkQueueMetrics
    {
        private readonly Lock sync = new();

        public int Adds { get; private set; }

        public int Depth { get; private set; }

        public int Retries { get; private set; }

        /// <summary>Keys handed to a worker.</summary>
        public int Taken { get; private set; }

        public TimeSpan TotalWait { get; private set; }

        /// <summary>Keys marked done.</summary>
        public int Finished { get; private set; }

        public void Added()
        {
            lock (sync)
            {
                Adds++;
            }
        }

        public void DepthChanged(int depth)
        {
            lock (sync)
            {
                Depth = depth;
            }
        }

        public void Waited(TimeSpan duration)
        {
            lock (sync)
            {
                Taken++;
                TotalWait += duration;
            }
        }

        public void Worked(TimeSpan duration)
        {
            lock (sync)
            {
                Finished++;
            }
        }

        public void Retried()
        {
            lock (sync)
            {
                Retries++;
            }
        }
    }

    internal sealed class ControllerRecord : IControllerMetrics
    {
        private readonly ConcurrentDictionary<ReconcileOutcome, int> outcomes = new();
        private int busy;

        public int MaxWorkers { get; private set; }

        public int BusyWorkers => Volatile.Read(ref busy);

        public int Count(ReconcileOutcome outcome) => outcomes.GetValueOrDefault(outcome);

        public void WorkersConfigured(int maxConcurrentReconciles) => MaxWorkers = maxConcurrentReconciles;

        public void WorkerBusy() => Interlocked.Increment(ref busy);

        public void WorkerIdle() => Interlocked.Decrement(ref busy);

        public void Reconciled(ReconcileOutcome outcome, TimeSpan duration) => outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
    }

    internal sealed class LeaseRecord : ILeaderElectionMetrics
    {
        private volatile bool leading;

        public bool IsLeading => leading;

        public void Leading(bool value) => leading = value;
    }
}

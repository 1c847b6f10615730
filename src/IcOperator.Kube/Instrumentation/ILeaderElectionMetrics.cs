namespace IcOperator.Kube.Instrumentation;

/// <summary>What leader election reports for one lease.</summary>
public interface ILeaderElectionMetrics
{
    /// <summary>This process became the lease's holder (true) or stopped being it (false).</summary>
    void Leading(bool leading);
}

using IcOperator.Kube.Instrumentation;
using IcOperator.Kube.LeaderElection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Kube.Reconciliation;

/// <summary>What every controller of a host shares.</summary>
public sealed record ControllerHostOptions
{
    /// <summary>Watch only this namespace; null watches all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>Run controllers only while holding this lease; null runs them unconditionally.</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }

    /// <summary>How long a stop waits for reconciles in flight to finish after cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where controllers, queues and leader election report; nowhere by default.</summary>
    public IRuntimeMetrics Metrics { get; init; } = NoRuntimeMetrics.Instance;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}

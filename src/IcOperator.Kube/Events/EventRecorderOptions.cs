using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcOperator.Kube.Events;

/// <summary>Who reports events, and the aggregation and spam-filter timings (client-go's defaults).</summary>
public sealed record EventRecorderOptions
{
    /// <summary>The reporting controller, e.g. <c>ic-operator.dev/canisterdeployment</c>.</summary>
    public required string ReportingController { get; init; }

    /// <summary>The reporting instance, e.g. the pod name.</summary>
    public string ReportingInstance { get; init; } = Environment.MachineName;

    /// <summary>An event repeated within this window joins the first one's series instead of creating a new Event.</summary>
    public TimeSpan SeriesWindow { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>How often the counts of ongoing series are written to the server.</summary>
    public TimeSpan SeriesRefresh { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Spam filter: events per object allowed at once…</summary>
    public int SpamBurst { get; init; } = 25;

    /// <summary>…and the interval at which one more is allowed afterwards.</summary>
    public TimeSpan SpamRefillInterval { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public ILogger Logger { get; init; } = NullLogger.Instance;
}

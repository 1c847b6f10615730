namespace IcOperator.Kube.Instrumentation;

/// <summary>What the REST client reports about each request it sends.</summary>
public interface IRestClientMetrics
{
    /// <summary>One request finished: <paramref name="code"/> is the HTTP status code, or <c>&lt;error&gt;</c> when no response came.</summary>
    void RequestCompleted(string code, string method, string host);
}

namespace IcOperator.Kube.Config;

/// <summary>Supplies the bearer token of each request; sources that expire refresh themselves.</summary>
public interface IBearerTokenSource
{
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>The server answered 401: forget any cached token so the next request fetches a fresh one.</summary>
    void Invalidate();
}

namespace IcOperator.Kube.Config;

/// <summary>A fixed token from a kubeconfig <c>token</c> field.</summary>
internal sealed class StaticTokenSource(string token) : IBearerTokenSource
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);

    public void Invalidate()
    {
    }

    public override string ToString() => "static token";
}

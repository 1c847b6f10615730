namespace IcOperator.Kube.Config;

/// <summary>
/// A token read from a file (the projected service account token, kubeconfig <c>tokenFile</c>). The kubelet
/// rotates projected tokens, so the file is read again once a minute, when it changes, and after a 401.
/// </summary>
internal sealed class TokenFileSource(string path, TimeProvider clock) : IBearerTokenSource
{
    private static readonly TimeSpan RereadInterval = TimeSpan.FromMinutes(1);
    private readonly Lock sync = new();
    private string? token;
    private DateTimeOffset readAt;
    private DateTime fileWrittenAt;

    public string Path => path;

    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var written = File.GetLastWriteTimeUtc(path);
        lock (sync)
        {
            if (token is null || now - readAt >= RereadInterval || written != fileWrittenAt)
            {
                var text = File.ReadAllText(path).Trim();
                if (text.Length == 0)
                {
                    throw new InvalidOperationException($"token file {path} is empty: expected a bearer token");
                }

                token = text;
                readAt = now;
                fileWrittenAt = written;
            }

            return ValueTask.FromResult<string?>(token);
        }
    }

    public void Invalidate()
    {
        lock (sync)
        {
            token = null;
        }
    }

    public override string ToString() => $"token file {path}";
}

using System.Diagnostics;
using System.Text.Json;

namespace IcOperator.Kube.Config;

/// <summary>
/// Runs a kubeconfig exec plugin for a token and keeps it until its expirationTimestamp (or until a 401),
/// so the plugin runs once per token lifetime rather than once per request.
/// </summary>
internal sealed class ExecCredentialSource(ExecPluginConfig config, TimeProvider clock) : IBearerTokenSource, IDisposable
{
    // Refresh a little early so a request never leaves with a token about to expire in flight.
    private static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PluginTimeout = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;
    private DateTimeOffset? expiresAt;

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (token is not null && (expiresAt is null || clock.GetUtcNow() < expiresAt.Value - ExpirySkew))
            {
                return token;
            }

            var credential = await RunPluginAsync(cancellationToken);
            token = credential.Token;
            expiresAt = credential.ExpirationTimestamp;
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    // A plain write: a fetch racing with it at worst stores a token that was just minted.
    public void Invalidate() => Volatile.Write(ref token, null);

    public void Dispose() => gate.Dispose();

    public override string ToString() => $"exec plugin {config.Command}";

    private async Task<ExecCredentialStatus> RunPluginAsync(CancellationToken cancellationToken)
    {
        var command = config.Command;
        if (config.WorkingDirectory is not null && command.Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(command))
        {
            command = Path.GetFullPath(Path.Combine(config.WorkingDirectory, command));
        }

        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in config.Args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in config.Env)
        {
            start.Environment[name] = value;
        }

        start.Environment["KUBERNETES_EXEC_INFO"] =
            $"{{\"apiVersion\":\"{config.ApiVersion}\",\"kind\":\"ExecCredential\",\"spec\":{{\"interactive\":false}}}}";

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"exec plugin {config.Command} could not be started");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PluginTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"exec plugin {config.Command} exited with {process.ExitCode}: {FirstLine(errors)}");
        }

        ExecCredential? credential;
        try
        {
            credential = JsonSerializer.Deserialize(output, ConfigJsonContext.Default.ExecCredential);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"exec plugin {config.Command}: expected an ExecCredential JSON object on stdout ({e.Message})", e);
        }

        if (credential is not { Kind: "ExecCredential", Status.Token.Length: > 0 })
        {
            throw new InvalidOperationException(
                $"exec plugin {config.Command}: expected kind ExecCredential with status.token, found kind '{credential?.Kind}'" +
                (credential?.Status?.ClientCertificateData is not null ? " with a client certificate (only token credentials are supported)" : string.Empty));
        }

        return credential.Status;
    }

    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0];
        return line.Length <= 200 ? line : line[..200];
    }
}

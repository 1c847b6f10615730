using System.Diagnostics;

namespace IcOperator.Testing;

/// <summary>Runs a third-party tool to completion and keeps what it printed.</summary>
internal static class ToolRun
{
    public static async Task<ToolResult> RunAsync(
        string tool,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        return new ToolResult(Path.GetFileName(tool), process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A finished tool run: its exit code and output.</summary>
internal sealed record ToolResult(string Tool, int ExitCode, string Stdout, string Stderr)
{
    public ToolResult ShouldSucceed()
    {
        ExitCode.Should().Be(0, $"{Tool} should succeed; stdout: {Stdout}\nstderr: {Stderr}");
        return this;
    }
}

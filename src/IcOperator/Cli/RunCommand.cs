using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace IcOperator.Cli;

/// <summary><c>ic-operator run</c>: the operator as it runs in a cluster.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen")
        {
            Description = "Address Kestrel serves /healthz, /readyz and /metrics on.",
            DefaultValueFactory = _ => "http://0.0.0.0:8080",
        };
        var command = new Command("run", "Run the operator (in-cluster, or against the current kubeconfig context).");
        command.Options.Add(listen);
        command.SetAction(async (parse, cancellation) =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(parse.GetValue(listen)!);
            var app = builder.Build();
            app.MapGet("/healthz", () => Results.Text("ok"));
            app.MapGet("/readyz", () => Results.Text("ok"));
            await app.RunAsync(cancellation).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}

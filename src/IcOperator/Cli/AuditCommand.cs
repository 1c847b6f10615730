using System.CommandLine;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.Icrc3;
using IcOperator.Agent.Transport;
using IcOperator.Audit;
using IcOperator.Candid;

namespace IcOperator.Cli;

/// <summary>
/// <c>ic-operator audit verify</c>: reads every block of an audit log, recomputes the hash chain, checks the
/// certified tip against the IC's root key and prints the history; exits 1 on any break.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Read and verify ICRC-3 audit logs of orchestration steps (ICRC-121 blocks).");
        command.Subcommands.Add(Verify());
        return command;
    }

    private static Command Verify()
    {
        var network = new Option<string>("--network") { Description = "The IC's URL, e.g. https://icp-api.io or http://127.0.0.1:4943.", Required = true };
        var log = new Option<string>("--log") { Description = "The log canister's id.", Required = true };
        var rootKey = new Option<string>("--root-key")
        {
            Description = "mainnet (the built-in key), fetch (read from /api/v2/status: trusts the network; for local networks only) or the DER root key in hex.",
            DefaultValueFactory = _ => "mainnet",
        };
        var canister = new Option<string?>("--canister") { Description = "Print only this canister's blocks (every block is still verified)." };
        var command = new Command("verify", "Verify an audit log's hash chain and certified tip, and print its history.") { network, log, rootKey, canister };
        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            Principal logId;
            RootKeyPolicy trusted;
            if (!Uri.TryCreate(parse.GetValue(network), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                await error.WriteLineAsync($"error: --network must be an http(s) URL, found '{parse.GetValue(network)}'");
                return 2;
            }

            try
            {
                logId = Principal.Parse(parse.GetValue(log)!);
                trusted = RootKeyPolicy.Parse(parse.GetValue(rootKey), "--root-key");
                _ = parse.GetValue(canister) is { } c ? Principal.Parse(c) : null;
            }
            catch (Exception e) when (e is FormatException or CandidException)
            {
                await error.WriteLineAsync($"error: {e.Message} (--log and --canister take principals; --root-key takes mainnet, fetch or DER hex)");
                return 2;
            }

            using var agent = new HttpAgent(trusted.ApplyTo(new HttpAgentOptions
            {
                Url = url,
                SignatureVerifier = new Bls12381SignatureVerifier(),
            }));
            try
            {
                var certificates = new CertificateVerifier(new CertificateVerifierOptions { RootKey = await agent.RootKeyAsync(cancellation), SignatureVerifier = new Bls12381SignatureVerifier() });
                var verification = await AuditLogVerifier.VerifyAsync(new Icrc3LogClient(agent, logId), certificates, cancellation);
                AuditReport.Write(output, logId.ToString(), verification, parse.GetValue(canister));
                foreach (var problem in verification.Problems)
                {
                    await error.WriteLineAsync($"problem: {problem}");
                }

                return verification.Valid ? 0 : 1;
            }
            catch (Exception e) when (e is IcRejectException or IcHttpException or HttpRequestException or CertificateVerificationException or FormatException or NotSupportedException or CandidException)
            {
                await error.WriteLineAsync($"error: cannot read log {logId}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}

using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using IcOperator.Agent.Bls;
using IcOperator.Agent.Identities;
using IcOperator.Agent.Responses;
using IcOperator.Api;
using IcOperator.Api.V1Alpha1;
using IcOperator.Kube.Client;
using IcOperator.Kube.Events;
using IcOperator.Kube.Reconciliation;
using IcOperator.Kube.Resources;
using IcOperator.Orchestration;
using Microsoft.Extensions.Logging;

namespace IcOperator.Controllers;

/// <summary>
/// Reconciles IcNetworks: loads the identity Secret, derives the operator's principal, reads
/// /api/v2/status and applies the root key policy. The private key never leaves this class's locals.
/// </summary>
internal sealed class IcNetworkController(
    IKubeClient client,
    HttpClient http,
    IEventRecorder events,
    TimeProvider clock,
    ILogger<IcNetworkController> logger) : IReconciler<IcNetwork>
{
    public const string ControllerName = "icnetwork";

    /// <summary>How often a Ready network is checked again; a failing one is retried with the work queue's backoff.</summary>
    public static readonly TimeSpan HealthInterval = TimeSpan.FromMinutes(1);

    public async Task<ReconcileResult> ReconcileAsync(IcNetwork network, CancellationToken cancellationToken)
    {
        var @namespace = network.Metadata.NamespaceProperty ?? client.DefaultNamespace;
        var name = network.Metadata.Name!;
        var probe = await ProbeAsync(network.Spec, @namespace, cancellationToken);
        var verdict = NetworkReadiness.Chain.Evaluate(probe);
        var generation = network.Metadata.Generation ?? 0;
        var previous = network.Status ?? new IcNetworkStatus();
        var stalled = !verdict.Ready && verdict.FailedCheck is "UrlIsHttp" or "RootKeyPolicyAllowed" or "RootKeyReadable";
        var status = new IcNetworkStatus
        {
            ObservedGeneration = generation,
            LastHandledReconcileAt = network.Metadata.Annotations.ValueOrDefault(Annotations.ReconcileRequestedAt) ?? previous.LastHandledReconcileAt,
            Principal = probe.Principal,
            RootKeyFingerprint = probe.TrustedRootKey is null ? null : NetworkReadiness.Fingerprint(probe.TrustedRootKey),
            ReplicaHealth = probe.ReplicaHealth,
            ImplVersion = probe.ImplVersion,
            Conditions = Conditions.Summarise(previous.Conditions, verdict.Ready, reconciling: !verdict.Ready && !stalled, stalled, verdict.Reason, verdict.Message, generation, clock.GetUtcNow()),
        };

        var wasReady = Conditions.Find(previous.Conditions, ConditionTypes.Ready)?.Status == ConditionStatus.True;
        if (verdict.Ready != wasReady || Conditions.Find(previous.Conditions, ConditionTypes.Ready)?.Reason != verdict.Reason)
        {
            events.Record(network, verdict.Ready ? EventTypes.Normal : EventTypes.Warning, verdict.Reason, "Connect", verdict.Message);
            logger.LogInformation("IcNetwork {Namespace}/{Name}: {Reason}: {Message}", @namespace, name, verdict.Reason, verdict.Message);
        }

        await client.PatchStatusAsync(OperatorResources.IcNetworks, name, @namespace, StatusPatch.Between(network.Status, status, OperatorJsonContext.Default.IcNetworkStatus), cancellationToken: cancellationToken);
        return verdict.Ready ? ReconcileResult.RequeueAfter(HealthInterval)
            : stalled ? ReconcileResult.Done()
            : ReconcileResult.Error(verdict.Message);
    }

    /// <summary>Loads the identity from an IcNetwork's Secret; null when it cannot be loaded (the network reports why).</summary>
    public static IIdentity? TryLoadIdentity(V1Secret? secret, string key, out string? problem)
    {
        string? pem = secret?.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes)
            : secret?.StringData.ValueOrDefault(key);
        if (pem is null)
        {
            problem = "the key is missing";
            return null;
        }

        try
        {
            problem = null;
            return IdentityPem.Parse(pem);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException or NotSupportedException)
        {
            // The agent's messages never echo key material, so they can be shown.
            problem = e.Message;
            return null;
        }
    }

    private async Task<NetworkProbe> ProbeAsync(IcNetworkSpec spec, string @namespace, CancellationToken cancellationToken)
    {
        var probe = new NetworkProbe
        {
            Url = spec.Url,
            RootKeyPolicy = spec.RootKey,
            SecretName = spec.Identity.SecretRef.Name,
            SecretKey = spec.Identity.SecretRef.Key,
        };
        var secret = await client.TryGetAsync(CoreResources.Secrets, spec.Identity.SecretRef.Name, @namespace, cancellationToken);
        var keyFound = secret?.Data?.ContainsKey(spec.Identity.SecretRef.Key) == true || secret?.StringData?.ContainsKey(spec.Identity.SecretRef.Key) == true;
        string? problem = null;
        var identity = keyFound ? TryLoadIdentity(secret, spec.Identity.SecretRef.Key, out problem) : null;
        probe = probe with
        {
            SecretFound = secret is not null,
            KeyFound = keyFound,
            Principal = identity?.Sender.ToString(),
            IdentityProblem = keyFound && identity is null ? problem ?? "it does not parse" : null,
        };
        if (identity is null || !Uri.TryCreate(spec.Url, UriKind.Absolute, out var uri))
        {
            return probe;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await http.GetAsync(new Uri(uri, "/api/v2/status"), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return probe with { StatusProblem = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" };
            }

            var status = StatusResponse.Decode(await response.Content.ReadAsByteArrayAsync(timeout.Token));
            var trusted = spec.RootKey switch
            {
                "mainnet" => IcRootKeys.MainnetDer,
                "fetch" => status.RootKey,
                var hex => Convert.FromHexString(hex),
            };
            return probe with { ReplicaHealth = status.ReplicaHealthStatus, ImplVersion = status.ImplVersion, ReportedRootKey = status.RootKey, TrustedRootKey = trusted };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return probe with { StatusProblem = "no answer within 10s" };
        }
        catch (HttpRequestException e)
        {
            return probe with { StatusProblem = e.Message };
        }
        catch (Exception e) when (e is FormatException or Agent.Cbor.CborException)
        {
            return probe with { StatusProblem = $"the answer is not a CBOR status: {e.Message}" };
        }
    }
}

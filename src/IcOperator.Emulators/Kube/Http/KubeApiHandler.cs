using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Discovery;
using IcOperator.Emulators.Kube.Errors;
using IcOperator.Emulators.Kube.OpenApi;
using IcOperator.Emulators.Kube.Resources;
using IcOperator.Emulators.Kube.Storage;
using IcOperator.Emulators.Kube.Tls;
using Microsoft.AspNetCore.Http;

namespace IcOperator.Emulators.Kube.Http;

/// <summary>
/// The front door: authentication, injected faults, then routing to discovery, OpenAPI or the resource
/// endpoints. Every failure leaves as a <c>Status</c> with the code an API server would use.
/// </summary>
internal sealed class KubeApiHandler(
    ResourceRegistry registry,
    ResourceEndpoints endpoints,
    KubeFaults faults,
    string bearerToken,
    ClientCertificateAuthority? clientAuthority,
    KubeRequestCounter requests,
    Func<string> serverAddress)
{
    private static readonly JsonObject VersionInfo = new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-12-11T00:00:00Z",
        ["goVersion"] = "go1.23.4",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        try
        {
            if (path is "/healthz" or "/readyz" or "/livez")
            {
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", context.RequestAborted);
                return;
            }

            if (path == "/version")
            {
                await HttpJson.WriteAsync(context, 200, VersionInfo.DeepClone());
                return;
            }

            Authenticate(context);
            if (path == "/emulator/requests")
            {
                await HttpJson.WriteAsync(context, 200, requests.ToJson());
                return;
            }

            await faults.InjectAsync(context.RequestAborted);
            await RouteAsync(context, path);
        }
        catch (KubeApiException e)
        {
            if (!context.Response.HasStarted)
            {
                if (e.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await HttpJson.WriteAsync(context, e.Code, e.ToStatus());
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
#pragma warning disable CA1031 // A bug in the emulator must reach the client as a 500 Status, not a dropped connection.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (!context.Response.HasStarted)
            {
                await HttpJson.WriteAsync(context, 500, KubeErrors.InternalError(e.GetType().Name + ": " + e.Message).ToStatus());
            }
        }
    }

    /// <summary>With a client CA, only a certificate it signed authenticates (as an API server's x509 authenticator); otherwise the bearer token.</summary>
    private void Authenticate(HttpContext context)
    {
        var authenticated = clientAuthority is not null
            ? clientAuthority.Accepts(context.Connection.ClientCertificate)
            : context.Request.Headers.Authorization.ToString() == "Bearer " + bearerToken;
        if (!authenticated)
        {
            throw KubeErrors.Unauthorized();
        }
    }

    /// <summary>The Kubernetes verb of a request on a resource path, as the API server's audit log names it.</summary>
    private static string VerbOf(HttpContext context, ResourcePath path) => context.Request.Method switch
    {
        "GET" when path.Name is null && ResourceEndpoints.IsTrue(context.Request.Query["watch"]) => "watch",
        "GET" when path.Name is null => "list",
        "GET" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when path.Name is null => "deletecollection",
        "DELETE" => "delete",
        var other => other.ToLowerInvariant(),
    };

    private async Task ServeResourceAsync(HttpContext context, ResourcePath path)
    {
        requests.Count(VerbOf(context, path), path.Subresource is null ? path.Type.Plural : $"{path.Type.Plural}/{path.Subresource}");
        await endpoints.HandleAsync(context, path);
    }

    private async Task RouteAsync(HttpContext context, string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var types = registry.All;
        switch (segments)
        {
            case ["api"]:
                await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.CoreVersions(serverAddress()));
                return;
            case ["apis"]:
                await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.Groups(types));
                return;
            case ["apis", var group]:
                await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.Group(types, group) ?? throw KubeErrors.NotFoundPath());
                return;
            case ["api", var version]:
                await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.Resources(types, "", version) ?? throw KubeErrors.NotFoundPath());
                return;
            case ["apis", var group, var version]:
                await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.Resources(types, group, version) ?? throw KubeErrors.NotFoundPath());
                return;
            case ["openapi", "v3"]:
                await HttpJson.WriteAsync(context, 200, OpenApiDocuments.Index(types));
                return;
            case ["openapi", "v3", "api", var version]:
                await HttpJson.WriteAsync(context, 200, OpenApiDocuments.GroupVersion(types, "", version) ?? throw KubeErrors.NotFoundPath());
                return;
            case ["openapi", "v3", "apis", var group, var version]:
                await HttpJson.WriteAsync(context, 200, OpenApiDocuments.GroupVersion(types, group, version) ?? throw KubeErrors.NotFoundPath());
                return;
            case ["api", var version, .. var rest]:
                await ServeResourceAsync(context, Resolve("", version, rest));
                return;
            case ["apis", var group, var version, .. var rest]:
                await ServeResourceAsync(context, Resolve(group, version, rest));
                return;
            default:
                throw KubeErrors.NotFoundPath();
        }
    }

    private ResourcePath Resolve(string group, string version, string[] rest)
    {
        string? ns = null;
        string plural;
        string? name = null;
        string? subresource = null;
        if (rest is ["namespaces", var space, var candidate, ..] && registry.Find(group, version, candidate) is { Namespaced: true })
        {
            ns = space;
            plural = candidate;
            name = rest.ElementAtOrDefault(3);
            subresource = rest.ElementAtOrDefault(4);
            if (rest.Length > 5)
            {
                throw KubeErrors.NotFoundPath();
            }
        }
        else
        {
            plural = rest[0];
            name = rest.ElementAtOrDefault(1);
            subresource = rest.ElementAtOrDefault(2);
            if (rest.Length > 3)
            {
                throw KubeErrors.NotFoundPath();
            }
        }

        var type = registry.Find(group, version, plural) ?? throw KubeErrors.NotFoundPath();
        if ((ns is not null && !type.Namespaced) || (type.Namespaced && ns is null && name is not null) ||
            (subresource is not null && !(subresource == "status" && type.HasStatus)))
        {
            throw KubeErrors.NotFoundPath();
        }

        return new ResourcePath(type, ns, name, subresource);
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Errors;
using IcOperator.Emulators.Kube.Http;
using IcOperator.Emulators.Kube.Kubeconfig;
using IcOperator.Emulators.Kube.Resources;
using IcOperator.Emulators.Kube.Storage;
using IcOperator.Emulators.Kube.Tls;
using IcOperator.Emulators.Kube.Yaml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcOperator.Emulators.Kube;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 that kubectl and our client can drive: discovery,
/// CRDs, CRUD with real resourceVersion semantics, watches, schema validation, Tables and OpenAPI.
/// Start it with <see cref="StartAsync"/>; point clients at <see cref="BaseUrl"/> with <see cref="BearerToken"/>.
/// </summary>
public sealed class KubeApiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly ResourceRegistry _registry;
    private int _disposed;

    private KubeApiEmulator(WebApplication app, CancellationTokenSource stopping, ResourceRegistry registry, ObjectStore store, KubeFaults faults, string token, Uri baseUrl, X509Certificate2? certificate, ClientCertificateAuthority? clientAuthority, KubeRequestCounter requests)
    {
        ClientAuthority = clientAuthority;
        Requests = requests;
        Certificate = certificate;
        _app = app;
        _stopping = stopping;
        _registry = registry;
        Store = store;
        Faults = faults;
        BearerToken = token;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The self-signed serving certificate (its own CA), or null when serving plain http.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The CA to trust, as PEM (what a kubeconfig's <c>certificate-authority-data</c> holds), or null without TLS.</summary>
    public string? CertificateAuthorityPem => Certificate is null ? null : SelfSignedCertificate.ToPem(Certificate);

    /// <summary>An <see cref="HttpClientHandler"/> that trusts exactly this server's certificate, for in-process clients.</summary>
    public HttpClientHandler CreateTrustingHandler()
    {
        var handler = new HttpClientHandler();
        if (Certificate is { } expected)
        {
            handler.ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.RawData.AsSpan().SequenceEqual(expected.RawData);
        }

        return handler;
    }

    /// <summary>The CA whose client certificates authenticate, when started with <see cref="KubeEmulatorOptions.RequireClientCertificate"/>; else null.</summary>
    public ClientCertificateAuthority? ClientAuthority { get; }

    /// <summary>API requests served so far, by verb and resource (also served as JSON on <c>/emulator/requests</c>).</summary>
    public KubeRequestCounter Requests { get; }

    /// <summary>The token every API request must carry.</summary>
    public string BearerToken { get; }

    /// <summary>Faults to inject into API requests; change them while the server runs.</summary>
    public KubeFaults Faults { get; }

    /// <summary>The resourceVersion of the latest change.</summary>
    public long ResourceVersion => Store.CurrentResourceVersion;

    /// <summary>How many watches are open now (lets tests wait until a client is watching).</summary>
    public int OpenWatches => Store.WatchCount;

    internal ObjectStore Store { get; }

    public static async Task<KubeApiEmulator> StartAsync(KubeEmulatorOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new KubeEmulatorOptions();
        var token = options.BearerToken ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var registry = new ResourceRegistry();
        var store = new ObjectStore(registry, options.TimeProvider, options.WatchHistorySize);
        var faults = new KubeFaults();
        var stopping = new CancellationTokenSource();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (options.RequireClientCertificate && !options.UseTls)
        {
            throw new ArgumentException("KubeEmulatorOptions.RequireClientCertificate: expected UseTls too (client certificates travel in the TLS handshake)", nameof(options));
        }

        var certificate = options.UseTls ? SelfSignedCertificate.Create(options.TimeProvider) : null;
        var clientAuthority = options.RequireClientCertificate ? new ClientCertificateAuthority("ic-operator-kube-emulator-client-ca", options.TimeProvider) : null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateMode = clientAuthority is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.AllowCertificate,
                    // Any certificate completes the handshake; the handler then answers 401 to one the client CA did not sign, as an API server does.
                    ClientCertificateValidation = (_, _, _) => true,
                });
            }
        }));
        var app = builder.Build();
        Uri? baseUrl = null;
        var watches = new WatchStream(store, options.TimeProvider, options.BookmarkInterval);
        var endpoints = new ResourceEndpoints(store, watches, options.TimeProvider, options.DefaultWatchTimeout, stopping.Token);
        var requests = new KubeRequestCounter();
        var handler = new KubeApiHandler(registry, endpoints, faults, token, clientAuthority, requests, () => baseUrl is null ? "127.0.0.1:0" : $"{baseUrl.Host}:{baseUrl.Port}");
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellation);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        baseUrl = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}/");
        var emulator = new KubeApiEmulator(app, stopping, registry, store, faults, token, baseUrl, certificate, clientAuthority, requests);
        if (options.CrdDirectory is { } directory)
        {
            try
            {
                emulator.LoadCrdsFromDirectory(directory);
            }
            catch
            {
                // A bad CRD directory must not leave a server listening behind the exception.
                await emulator.DisposeAsync();
                throw;
            }
        }

        return emulator;
    }

    /// <summary>A kubeconfig (YAML) whose current context points at this server with its token.</summary>
    public string Kubeconfig(string contextName = "ic-operator-emulator", string? defaultNamespace = null) =>
        ClientAuthority is { } authority
            ? Kubeconfig(authority.Issue("ic-operator", "system:masters"), contextName, defaultNamespace)
            : KubeconfigWriter.Write(BaseUrl, KubeconfigWriter.TokenUser(BearerToken), CertificateAuthorityPem, contextName, defaultNamespace);

    /// <summary>A kubeconfig (YAML) whose user authenticates with <paramref name="client"/> (client-certificate-data, client-key-data).</summary>
    public string Kubeconfig(IssuedClientCertificate client, string contextName = "ic-operator-emulator", string? defaultNamespace = null) =>
        KubeconfigWriter.Write(BaseUrl, KubeconfigWriter.CertificateUser(client), CertificateAuthorityPem, contextName, defaultNamespace);

    /// <summary>Writes <see cref="Kubeconfig"/> to <paramref name="path"/> (creating its directory).</summary>
    public void WriteKubeconfig(string path, string contextName = "ic-operator-emulator", string? defaultNamespace = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Kubeconfig(contextName, defaultNamespace));
    }

    /// <summary>
    /// Installs (or replaces) every CustomResourceDefinition found in the YAML/JSON files under
    /// <paramref name="directory"/>, recursively; other documents are ignored. Returns the CRD names.
    /// </summary>
    public IReadOnlyList<string> LoadCrdsFromDirectory(string directory)
    {
        var names = new List<string>();
        var files = Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            names.AddRange(LoadCrds(File.ReadAllText(file), file));
        }

        return names;
    }

    /// <summary>Installs (or replaces) the CustomResourceDefinitions in a YAML or JSON manifest.</summary>
    public IReadOnlyList<string> LoadCrds(string manifest, string source = "manifest")
    {
        var names = new List<string>();
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlJson.ParseAll(manifest);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }

        foreach (var document in documents.OfType<JsonObject>())
        {
            if (Meta.Str(document["kind"]) != "CustomResourceDefinition")
            {
                continue;
            }

            var name = Meta.Name(document);
            try
            {
                var crds = BuiltInTypes.CustomResourceDefinitions;
                Store.Patch(crds, null, name, current => current is null ? document.DeepClone() : ReplaceSpec(current, document), null,
                    WriteOptions.Default with { FieldManager = "ic-operator-emulator" }, createIfAbsent: true);
            }
            catch (KubeApiException e)
            {
                throw new InvalidDataException($"{source}: CustomResourceDefinition {name}: {e.Message}", e);
            }

            names.Add(name);
        }

        return names;
    }

    /// <summary>Ends every open watch now, as an API server restart would; clients must re-watch.</summary>
    public int DropWatches() => Store.DropWatches();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        Store.DropWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
        Certificate?.Dispose();
        ClientAuthority?.Dispose();
    }

    internal ResourceRegistry Registry => _registry;

    private static JsonObject ReplaceSpec(JsonObject current, JsonObject document)
    {
        var next = current.DeepClone().AsObject();
        next["spec"] = document["spec"]?.DeepClone();
        if (document["metadata"]?["labels"] is { } labels)
        {
            Meta.Of(next)["labels"] = labels.DeepClone();
        }

        if (document["metadata"]?["annotations"] is { } annotations)
        {
            Meta.Of(next)["annotations"] = annotations.DeepClone();
        }

        return next;
    }
}

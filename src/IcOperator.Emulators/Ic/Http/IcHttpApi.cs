using System.Diagnostics;
using System.Text;
using IcOperator.Agent.Cbor;
using IcOperator.Agent.Identities;
using IcOperator.Agent.RequestIds;
using IcOperator.Agent.Requests;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Certification;
using IcOperator.Emulators.Ic.Counters;
using IcOperator.Emulators.Ic.Execution;
using IcOperator.Emulators.Ic.Management;
using IcOperator.Emulators.Ic.Rejects;
using IcOperator.Emulators.Ic.Requests;
using IcOperator.Emulators.Ic.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IcOperator.Emulators.Ic.Http;

/// <summary>
/// The replica's HTTP interface: <c>/api/v2/status</c>, calls on v4/v3 (synchronous, certified) and v2 (202),
/// queries on v2/v3 (signed by the node key), read_state on v2/v3 for canisters and the subnet.
/// </summary>
internal sealed class IcHttpApi(IcReplica replica, RequestStatusStore requests, IReadOnlyList<EmulatedSubnet> subnets, IngressSchedule ingress, EnvelopeValidator validator)
{
    private readonly SubnetKeys keys = subnets[0].Keys;

    /// <summary>The replica accepts HTTP bodies up to 5 MiB and ingress messages (argument and method name) up to 2 MiB.</summary>
    public const int MaxBodyBytes = 5 * 1024 * 1024;

    public const int MaxIngressBytes = 2 * 1024 * 1024;

    public const string ImplementationVersion = "ic-operator-emulator";

    private const string Cbor = "application/cbor";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v2/status", Status);
        routes.MapPost("/api/{version}/canister/{id}/call", (HttpContext c, string version, string id) => Guard(c, () => Call(c, version, id)));
        routes.MapPost("/api/{version}/canister/{id}/query", (HttpContext c, string version, string id) => Guard(c, () => Query(c, version, id)));
        routes.MapPost("/api/{version}/canister/{id}/read_state", (HttpContext c, string version, string id) => Guard(c, () => ReadState(c, version, id, subnet: false)));
        routes.MapPost("/api/{version}/subnet/{id}/read_state", (HttpContext c, string version, string id) => Guard(c, () => ReadState(c, version, id, subnet: true)));
    }

    private async Task Status(HttpContext context)
    {
        var status = CborMap.FromText(
            ("impl_version", ImplementationVersion),
            ("root_key", new CborBytes(keys.RootKeyDer)),
            ("replica_health_status", "healthy"),
            ("certified_height", 1UL));
        await Send(context, 200, CborEncoding.Encode(status, selfDescribe: true));
    }

    private async Task Guard(HttpContext context, Func<Task> handler)
    {
        var faults = replica.State.Faults;
        if (faults.Latency > TimeSpan.Zero)
        {
            // Latency is wall-clock time even when the replica's clock is a test clock.
            await Task.Delay(faults.Latency, context.RequestAborted);
        }

        if (faults.TransientHttpStatus() is { } transient)
        {
            await SendText(context, transient, transient == 429 ? "Too many requests: try again later." : "Service unavailable: the replica is overloaded, try again later.");
            return;
        }

        try
        {
            await handler();
        }
        catch (HttpRefusal refusal)
        {
            replica.State.Counters.CountRejectedRequest();
            await SendText(context, refusal.StatusCode, refusal.Message);
        }
        catch (FormatException malformed)
        {
            replica.State.Counters.CountRejectedRequest();
            await SendText(context, 400, "Malformed request: " + malformed.Message);
        }
    }

    private async Task Call(HttpContext context, string version, string id)
    {
        var synchronous = version switch
        {
            "v2" => false,
            "v3" or "v4" => true,
            _ => throw new HttpRefusal(404, $"Unknown API version {version}: calls go to /api/v2, /api/v3 or /api/v4."),
        };
        var effective = EffectiveCanisterId(id);
        var request = validator.Validate(await ReadBody(context), "call");
        var call = (CallContent)request.Content;
        CheckIngressSize(request.RequestId, call.Arg.Length + Encoding.UTF8.GetByteCount(call.MethodName));
        CheckEffectiveCanister(call.CanisterId, call.MethodName, call.Arg, effective);

        var rid = request.RequestId.ToArray();
        if (requests.Find(rid) is null && ingress.Admit(Stopwatch.GetTimestamp()) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, context.RequestAborted);
        }

        // Checked again after consensus: a resubmission that waited alongside executes once.
        if (requests.Find(rid) is null)
        {
            var outcome = replica.Execute(request.Sender, call.CanisterId, call.MethodName, call.Arg, CallKind.Update);
            replica.State.Counters.LogUpdateCall(new UpdateCallRecord(effective, call.MethodName, outcome.IsReply, replica.State.Now));
            requests.Add(new RequestStatus(rid, request.Sender, effective, outcome, replica.State.Now));
        }

        var executed = Stopwatch.GetTimestamp();

        if (replica.State.Faults.TakeDroppedResponse(call.MethodName))
        {
            context.Abort();
            return;
        }

        if (!synchronous)
        {
            context.Response.StatusCode = 202;
            return;
        }

        var certificate = await SubnetOf(effective).Rounds.CertifyAsync([[Label("request_status"), rid]], executed, context.RequestAborted);
        await Send(context, 200, CborEncoding.Encode(CborMap.FromText(("status", "replied"), ("certificate", new CborBytes(certificate))), selfDescribe: true));
    }

    private async Task Query(HttpContext context, string version, string id)
    {
        if (version is not ("v2" or "v3"))
        {
            throw new HttpRefusal(404, $"Unknown API version {version}: queries go to /api/v2 or /api/v3.");
        }

        var effective = EffectiveCanisterId(id);
        var request = validator.Validate(await ReadBody(context), "query");
        var query = (QueryContent)request.Content;
        CheckIngressSize(request.RequestId, query.Arg.Length + Encoding.UTF8.GetByteCount(query.MethodName));
        CheckEffectiveCanister(query.CanisterId, query.MethodName, query.Arg, effective);
        var dataCertificate = await DataCertificateAsync(query.CanisterId, context.RequestAborted);
        var outcome = replica.Execute(request.Sender, query.CanisterId, query.MethodName, query.Arg, CallKind.Query, dataCertificate);

        var timestamp = EnvelopeValidator.Nanos(replica.State.Now);
        var fields = new List<(string Key, CborValue Value)>();
        if (outcome.Reply is { } reply)
        {
            fields.Add(("status", "replied"));
            fields.Add(("reply", CborMap.FromText(("arg", new CborBytes(reply)))));
        }
        else
        {
            fields.Add(("status", "rejected"));
            fields.Add(("reject_code", (ulong)outcome.RejectCode));
            fields.Add(("reject_message", outcome.RejectMessage));
            if (outcome.ErrorCode is { } code)
            {
                fields.Add(("error_code", code.ToWire()));
            }
        }

        // A node of the canister's subnet signs the response with the request id and its timestamp, as replica nodes do.
        var node = SubnetOf(effective).Keys;
        var signed = CborMap.FromText([.. fields, ("timestamp", timestamp), ("request_id", new CborBytes(request.RequestId.Bytes))]);
        var signature = node.NodeKey.Sign(RequestSigning.ResponseMessage(RepresentationIndependentHash.Of(signed)))!;
        var nodeSignature = CborMap.FromText(
            ("timestamp", timestamp),
            ("signature", new CborBytes(signature)),
            ("identity", new CborBytes(node.NodeId.Bytes)));
        var response = CborMap.FromText([.. fields, ("signatures", new CborArray(nodeSignature))]);
        await Send(context, 200, CborEncoding.Encode(response, selfDescribe: true));
    }

    /// <summary>
    /// The data certificate a query of <paramref name="canister"/> reads, as the interface specification gives it:
    /// <c>time</c> and <c>canister/&lt;id&gt;/certified_data</c>, from a round that began after the canister last set
    /// its certified data and less than a minute ago (fresh enough for an agent's time check). Null for canisters
    /// that do not run Wasm.
    /// </summary>
    private async Task<byte[]?> DataCertificateAsync(Principal canister, CancellationToken cancellationToken)
    {
        long changedAt;
        lock (replica.State.Gate)
        {
            if (replica.State.Find(canister) is not { Module.Compiled: not null } target)
            {
                return null;
            }

            changedAt = target.CertifiedDataChangedAt;
        }

        var aMinuteAgo = Stopwatch.GetTimestamp() - (Stopwatch.Frequency * 60);
        return await SubnetOf(canister).Rounds.CertifyAsync([[Label("canister"), canister.ToByteArray(), Label("certified_data")]], Math.Max(changedAt, aMinuteAgo), cancellationToken);
    }

    private async Task ReadState(HttpContext context, string version, string id, bool subnet)
    {
        if (version is not ("v2" or "v3"))
        {
            throw new HttpRefusal(404, $"Unknown API version {version}: read_state goes to /api/v2 or /api/v3.");
        }

        Principal effective;
        EmulatedSubnet answering;
        if (subnet)
        {
            if (!Principal.TryParse(id, out effective) || subnets.FirstOrDefault(s => s.Keys.SubnetId == effective) is not { } named)
            {
                throw new HttpRefusal(404, $"Subnet {id} is not known: this network's subnets are {string.Join(", ", subnets.Select(s => s.Keys.SubnetId))}.");
            }

            answering = named;
        }
        else
        {
            effective = EffectiveCanisterId(id);
            answering = SubnetOf(effective);
        }

        var arrived = Stopwatch.GetTimestamp();
        var request = validator.Validate(await ReadBody(context), "read_state");
        var paths = ((ReadStateContent)request.Content).Paths;
        foreach (var path in paths)
        {
            Authorize(path, request.Sender, effective, subnet);
        }

        replica.State.Counters.LogReadState(new ReadStateRecord(effective, subnet, [.. paths.Select(p => p.Count == 0 ? string.Empty : Encoding.UTF8.GetString(p[0]))]));
        // With the latency model on, read_state answers at once from the last round, as a subnet does; without it,
        // from a round begun after the request arrived, so a test that changed the state directly reads its change.
        var certificate = ingress.ConsensusDelay > TimeSpan.Zero
            ? await answering.Rounds.CertifyLatestAsync(paths, arrived, context.RequestAborted)
            : await answering.Rounds.CertifyAsync(paths, arrived, context.RequestAborted);
        await Send(context, 200, CborEncoding.Encode(CborMap.FromText(("certificate", new CborBytes(certificate))), selfDescribe: true));
    }

    private void Authorize(IReadOnlyList<byte[]> path, Principal sender, Principal effective, bool subnet)
    {
        if (path.Count == 0)
        {
            return;
        }

        var root = Encoding.UTF8.GetString(path[0]);
        switch (root)
        {
            case "time" or "subnet" or "api_boundary_nodes":
                return;
            case "canister_ranges" when subnet:
                return;
            case "request_status" when !subnet:
                if (path.Count > 1 && requests.Find(path[1]) is { } status && status.Sender != sender)
                {
                    throw new HttpRefusal(403, $"Request IDs must be for requests signed by the caller: request 0x{Convert.ToHexStringLower(path[1])} was not sent by {sender}.");
                }

                return;
            case "canister" when !subnet:
                if (path.Count < 2)
                {
                    return;
                }

                var canister = Principal.FromBytes(path[1]);
                if (canister != effective)
                {
                    throw new HttpRefusal(400, $"Effective canister id in URL {effective} does not match requested canister id: {canister}.");
                }

                if (path.Count >= 4 && Encoding.UTF8.GetString(path[2]) == "metadata")
                {
                    var name = Encoding.UTF8.GetString(path[3]);
                    lock (replica.State.Gate)
                    {
                        var target = replica.State.Find(canister);
                        var section = target?.Module?.Module.Metadata(name);
                        if (section is { IsPublic: false } && !target!.IsController(sender))
                        {
                            throw new HttpRefusal(403, $"Custom section {name} can only be requested by the controllers of the canister.");
                        }
                    }
                }

                return;
            default:
                throw new HttpRefusal(404, $"Invalid path requested: /{root} cannot be read{(subnet ? " from a subnet" : string.Empty)}.");
        }
    }

    private static Principal EffectiveCanisterId(string text)
    {
        if (!Principal.TryParse(text, out var id, out var error))
        {
            throw new HttpRefusal(400, $"Invalid effective canister id {text}: {error}");
        }

        return id;
    }

    /// <summary>The subnet whose ranges hold <paramref name="canister"/>: the first one unless another one's do.</summary>
    private EmulatedSubnet SubnetOf(Principal canister) => subnets.Skip(1).FirstOrDefault(s => s.Ranges.Contains(canister)) ?? subnets[0];

    private void CheckEffectiveCanister(Principal canister, string method, byte[] arg, Principal effective)
    {
        if (canister.IsManagementCanister)
        {
            if (method == "provisional_create_canister_with_cycles")
            {
                return;
            }

            if (ManagementDispatcher.EffectiveCanisterId(method, arg) is { } target && target != effective)
            {
                throw new HttpRefusal(400, $"Specified CanisterId {target} does not match effective canister id in URL {effective}");
            }
        }
        else if (canister != effective)
        {
            throw new HttpRefusal(400, $"Specified CanisterId {canister} does not match effective canister id in URL {effective}");
        }

        if (!subnets.Any(s => s.Ranges.Contains(effective)))
        {
            throw new HttpRefusal(400, $"Effective canister id {effective} is not a canister id of any subnet of this network.");
        }
    }

    private static void CheckIngressSize(RequestId requestId, int bytes)
    {
        if (bytes > MaxIngressBytes)
        {
            throw new HttpRefusal(413, $"Request 0x{requestId} is too large. Message byte size {bytes} is larger than the max allowed {MaxIngressBytes}.");
        }
    }

    private static async Task<byte[]> ReadBody(HttpContext context)
    {
        if (context.Request.ContentLength is > MaxBodyBytes)
        {
            throw new HttpRefusal(413, $"Request body of {context.Request.ContentLength} bytes exceeds the limit of {MaxBodyBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new HttpRefusal(413, $"Request body exceeds the limit of {MaxBodyBytes} bytes.");
            }
        }

        return buffer.ToArray();
    }

    private static byte[] Label(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task Send(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Cbor;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static async Task SendText(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }
}
